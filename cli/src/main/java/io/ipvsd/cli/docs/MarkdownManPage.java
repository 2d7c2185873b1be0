package io.ipvsd.cli.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * ipvsd.toml(5) from the README's "Configuration reference" section, so the page cannot drift
 * from the reference: "###" headings become sections, "####" subsections, paragraphs, "- " lists,
 * fenced code blocks and pipe tables (a row becomes a tagged paragraph: the first cell as the tag,
 * the others as "Header: value" lines, because man pages read poorly as wide tables). Inline
 * `code` and **bold** become bold; links keep their text. That is the Markdown the section uses;
 * anything else is kept as text.
 */
final class MarkdownManPage {
    private final Roff.Page page = new Roff.Page();

    private MarkdownManPage() {
    }

    /**
     * @param readme  the whole README
     * @param heading the level-2 heading whose section is the page ("Configuration reference")
     * @throws IllegalArgumentException when the README has no such section
     */
    static String render(String readme, String heading, String name, String section, String summary, String date,
                         String source, List<String> seeAlso) {
        List<String> lines = section(readme, heading);
        MarkdownManPage p = new MarkdownManPage();
        p.line(".TH \"" + Roff.escape(name.toUpperCase(java.util.Locale.ROOT)) + "\" " + section + " \"" + date + "\" \""
                + Roff.escape(source) + "\" \"File Formats\"");
        p.line(".SH NAME");
        p.line(Roff.escape(name) + " \\- " + Roff.escape(summary));
        p.line(".SH DESCRIPTION");
        p.body(lines);
        p.line(".SH SEE ALSO");
        List<String> refs = new ArrayList<>();
        for (String ref : seeAlso) {
            int paren = ref.indexOf('(');
            refs.add("\\fB" + Roff.escape(ref.substring(0, paren)) + "\\fR" + ref.substring(paren));
        }
        p.line(String.join(",\n", refs));
        return p.page.toString();
    }

    /** The lines after "## heading" up to the next level-2 heading (outside code blocks). */
    static List<String> section(String readme, String heading) {
        List<String> out = new ArrayList<>();
        boolean inside = false;
        boolean fenced = false;
        for (String l : readme.split("\n", -1)) {
            if (l.strip().startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && l.startsWith("## ")) {
                if (inside) {
                    break;
                }
                inside = l.substring(3).strip().equals(heading);
                continue;
            }
            if (inside) {
                out.add(l);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("README has no section \"## " + heading + "\"");
        }
        return out;
    }

    private void body(List<String> lines) {
        int i = 0;
        while (i < lines.size()) {
            String l = lines.get(i);
            String t = l.strip();
            if (t.isEmpty()) {
                i++;
            } else if (t.startsWith("```")) {
                i = codeBlock(lines, i, false);
            } else if (l.startsWith("#### ")) {
                line(".SS " + heading(l.substring(5)));
                i++;
            } else if (l.startsWith("### ")) {
                line(".SH " + heading(l.substring(4)));
                i++;
            } else if (t.startsWith("|")) {
                i = table(lines, i);
            } else if (l.startsWith("- ")) {
                i = listItem(lines, i);
            } else {
                i = paragraph(lines, i, ".PP");
            }
        }
    }

    private static String heading(String markdown) {
        return Roff.escape(markdown.replace("`", "").strip());
    }

    private int codeBlock(List<String> lines, int start, boolean inListItem) {
        String fence = lines.get(start);
        int indent = fence.length() - fence.stripLeading().length();
        line(inListItem ? ".IP \"\" 2" : ".PP");
        line(".RS 4");
        line(".EX");
        int i = start + 1;
        for (; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
            String code = lines.get(i);
            code = code.length() >= indent && code.substring(0, indent).isBlank() ? code.substring(indent) : code.stripLeading();
            line(codeLine(code));
        }
        line(".EE");
        line(".RE");
        return i + 1;
    }

    /** A code line keeps its leading spaces (inside .EX they are kept as they are). */
    private static String codeLine(String code) {
        String escaped = Roff.escape(code);
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }

    /** A "- " item and its indented continuation lines; a code block inside it stays in the item. */
    private int listItem(List<String> lines, int start) {
        line(".IP \\(bu 2");
        StringBuilder text = new StringBuilder(lines.get(start).substring(2).strip());
        boolean continuation = false;
        int i = start + 1;
        while (i < lines.size()) {
            String l = lines.get(i);
            if (l.isBlank()) {
                if (i + 1 < lines.size() && lines.get(i + 1).startsWith("  ") && !lines.get(i + 1).isBlank()) {
                    i++;
                    continue;
                }
                break;
            }
            if (!l.startsWith("  ")) {
                break;
            }
            if (l.strip().startsWith("```")) {
                flush(text);
                i = codeBlock(lines, i, true);
                continuation = true;
                continue;
            }
            if (continuation) {
                // Text after a code block inside the item: a new paragraph of the same item.
                line(".IP \"\" 2");
                continuation = false;
            }
            text.append(text.isEmpty() ? "" : " ").append(l.strip());
            i++;
        }
        flush(text);
        return i;
    }

    private void flush(StringBuilder text) {
        if (!text.isEmpty()) {
            line(Roff.textLine(inline(text.toString())));
            text.setLength(0);
        }
    }

    private int paragraph(List<String> lines, int start, String macro) {
        StringBuilder text = new StringBuilder();
        int i = start;
        for (; i < lines.size(); i++) {
            String l = lines.get(i);
            String t = l.strip();
            if (t.isEmpty() || t.startsWith("```") || t.startsWith("|") || l.startsWith("#") || l.startsWith("- ")) {
                break;
            }
            text.append(text.isEmpty() ? "" : " ").append(t);
        }
        line(macro);
        line(Roff.textLine(inline(text.toString())));
        return i;
    }

    private int table(List<String> lines, int start) {
        List<String> header = cells(lines.get(start));
        int i = start + 2; // the header and the |---| line
        for (; i < lines.size() && lines.get(i).strip().startsWith("|"); i++) {
            List<String> row = cells(lines.get(i));
            line(".TP");
            line(Roff.textLine(inline(row.get(0))));
            List<String> parts = new ArrayList<>();
            for (int c = 1; c < row.size(); c++) {
                if (row.get(c).isBlank()) {
                    continue;
                }
                String label = c < header.size() ? header.get(c) : "";
                boolean last = c == row.size() - 1;
                // The last column is the explanation: it reads best without its header.
                parts.add(last || label.isBlank() ? inline(row.get(c)) : inline(label) + ": " + inline(row.get(c)));
            }
            for (int p = 0; p < parts.size(); p++) {
                if (p > 0) {
                    line(".br");
                }
                line(Roff.textLine(parts.get(p)));
            }
        }
        return i;
    }

    /** The cells of "| a | `b \| c` |": split at '|' outside code spans, "\|" is a literal bar. */
    static List<String> cells(String row) {
        List<String> out = new ArrayList<>();
        String t = row.strip();
        t = t.substring(1, t.endsWith("|") && !t.endsWith("\\|") ? t.length() - 1 : t.length());
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length() && t.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '`') {
                code = !code;
                cell.append(c);
            } else if (c == '|' && !code) {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString().strip());
        return out;
    }

    /** Inline Markdown to escaped roff: `code` and **bold** in bold, [text](target) as its text. */
    static String inline(String markdown) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < markdown.length()) {
            char c = markdown.charAt(i);
            int end;
            if (c == '`' && (end = markdown.indexOf('`', i + 1)) > 0) {
                out.append("\\fB").append(Roff.escape(markdown.substring(i + 1, end))).append("\\fR");
                i = end + 1;
            } else if (markdown.startsWith("**", i) && (end = markdown.indexOf("**", i + 2)) > 0) {
                out.append("\\fB").append(inlinePlain(markdown.substring(i + 2, end))).append("\\fR");
                i = end + 2;
            } else if (c == '[' && (end = markdown.indexOf("](", i)) > 0 && markdown.indexOf(')', end) > 0) {
                out.append(inline(markdown.substring(i + 1, end)));
                i = markdown.indexOf(')', end) + 1;
            } else {
                int cp = markdown.codePointAt(i);
                out.append(Roff.escape(Character.toString(cp)));
                i += Character.charCount(cp);
            }
        }
        return out.toString();
    }

    /** Bold text may hold code spans; inside \fB they need no font change of their own. */
    private static String inlinePlain(String markdown) {
        return Roff.escape(markdown.replace("`", ""));
    }

    private void line(String s) {
        page.line(s);
    }
}
