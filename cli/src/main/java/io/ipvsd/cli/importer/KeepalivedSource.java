package io.ipvsd.cli.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a keepalived.conf into logical lines the way keepalived 2.2.7's lib/parser.c read_line()
 * does (this is a reimplementation of its rules, not of its code):
 * <ul>
 * <li>'#' and '!' start a comment outside double quotes; "\#" and "\!" are the characters;</li>
 * <li>{@code @ID rest} keeps "rest" only when ID is the config id, {@code @^ID rest} only when not;</li>
 * <li>{@code $NAME=value} defines, {@code $NAME} / {@code ${NAME}} uses (expanded again after
 *     each replacement);</li>
 * <li>{@code ~SEQ(VAR, [start,] [step,] end) text} repeats text with $VAR set to each number;</li>
 * <li>{@code include PATTERN}: glob relative to the including file, matches in sorted order, no
 *     match is not an error;</li>
 * <li>a line is cut before a '{' or '}' outside quotes, and after a leading one, so
 *     "a { b }" reads as "a", "{", "b", "}";</li>
 * <li>words split at blanks; a double-quoted string is one word without its quotes.</li>
 * </ul>
 */
public final class KeepalivedSource {
    private static final int MAX_INCLUDE_DEPTH = 32;
    private static final int MAX_EXPANSIONS = 1000;

    private final String configId;
    private final Diagnostics diagnostics;
    private final Map<String, String> definitions = new HashMap<>();
    private final List<ConfLine> lines = new ArrayList<>();
    private int depth;

    private KeepalivedSource(String configId, Diagnostics diagnostics) {
        this.configId = configId;
        this.diagnostics = diagnostics;
    }

    /** The logical lines of {@code file} and everything it includes. */
    public static List<ConfLine> read(Path file, String configId, Diagnostics diagnostics) throws ImportException {
        KeepalivedSource source = new KeepalivedSource(configId, diagnostics);
        if (!Files.isRegularFile(file)) {
            throw new ImportException(file + ": cannot read: no such file");
        }
        source.readFile(file);
        return source.lines;
    }

    private void readFile(Path file) throws ImportException {
        List<String> physical;
        try {
            // keepalived reads bytes; Latin-1 keeps every byte as one char.
            physical = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read: " + e.getMessage());
        }
        for (int i = 0; i < physical.size(); i++) {
            String text = decomment(physical.get(i), file, i + 1);
            if (!text.isEmpty()) {
                logical(file, i + 1, text);
            }
        }
    }

    /** The @, $, ~SEQ and include rules on one decommented line, then the cut at braces. */
    private void logical(Path file, int lineNo, String text) throws ImportException {
        String buf = text;
        boolean recheck;
        int rounds = 0;
        do {
            recheck = false;
            if (buf.startsWith("@")) {
                boolean reverse = buf.startsWith("@^");
                int idStart = reverse ? 2 : 1;
                int blank = indexOfBlank(buf, idStart);
                if (blank < 0) {
                    return;
                }
                boolean matches = configId != null && buf.substring(idStart, blank).equals(configId);
                if (matches == reverse) {
                    return;
                }
                buf = buf.substring(blank).strip();
            }
            if (buf.startsWith("$") && define(buf, file, lineNo)) {
                return;
            }
            if (buf.startsWith("~SEQ")) {
                sequence(buf, file, lineNo);
                return;
            }
            if (buf.startsWith("~")) {
                break;
            }
            if (!definitions.isEmpty() && buf.indexOf('$') >= 0) {
                String replaced = replaceDefinitions(buf);
                if (replaced == null) {
                    break;
                }
                buf = decomment(replaced, file, lineNo);
                recheck = buf.startsWith("@") || buf.indexOf('$') >= 0;
                if (++rounds > MAX_EXPANSIONS) {
                    throw new ImportException(file + ":" + lineNo + ": $definitions expand without end");
                }
            }
        } while (recheck);
        if (buf.isEmpty()) {
            return;
        }
        if (include(buf, file, lineNo)) {
            return;
        }
        cutAtBraces(buf, file, lineNo);
    }

    /** keepalived's decomment(): comment cut, "\#" / "\!" unescaped outside quotes, blanks trimmed. */
    private String decomment(String raw, Path file, int lineNo) {
        StringBuilder out = new StringBuilder();
        String s = raw.replaceAll("[\r\n]+$", "");
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        boolean quote = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quote = !quote;
            } else if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(i + 1);
                if (!quote && (next == '#' || next == '!')) {
                    out.append(next);
                } else {
                    out.append(c).append(next);
                }
                i++;
                continue;
            } else if (!quote && (c == '!' || c == '#')) {
                break;
            }
            out.append(c);
        }
        if (quote) {
            diagnostics.add(file + ":" + lineNo, "\"", "unterminated quote (keepalived reports it and reads on)");
        }
        return out.toString().stripTrailing();
    }

    /** {@code $NAME=value}; false when the line is not a definition (then it is an ordinary line). */
    private boolean define(String buf, Path file, int lineNo) throws ImportException {
        if (buf.length() < 2 || !(Character.isLetter(buf.charAt(1)) || buf.charAt(1) == '_')) {
            return false;
        }
        int p = 2;
        while (p < buf.length() && buf.charAt(p) != '=') {
            char c = buf.charAt(p);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return false;
            }
            p++;
        }
        if (p >= buf.length()) {
            return false;
        }
        String name = buf.substring(1, p);
        String value = buf.substring(p + 1).strip();
        if (value.endsWith("\\")) {
            throw new ImportException(file + ":" + lineNo + ": $" + name
                    + ": multi-line definitions are not supported by ipvsctl import; write the definition on one line");
        }
        definitions.put(name, value);
        return true;
    }

    /**
     * Replaces every {@code $NAME} / {@code ${NAME}} whose NAME is defined; the text put in is
     * scanned again, as keepalived does. Null when nothing was replaced.
     */
    private String replaceDefinitions(String buf) {
        StringBuilder s = new StringBuilder(buf);
        boolean found = false;
        int pos = 0;
        int replacements = 0;
        while ((pos = s.indexOf("$", pos)) >= 0 && pos + 1 < s.length() && replacements < MAX_EXPANSIONS) {
            boolean braces = s.charAt(pos + 1) == '{';
            int nameStart = pos + (braces ? 2 : 1);
            int nameEnd = nameStart;
            if (nameEnd < s.length() && (Character.isLetter(s.charAt(nameEnd)) || s.charAt(nameEnd) == '_')) {
                nameEnd++;
                while (nameEnd < s.length() && (Character.isLetterOrDigit(s.charAt(nameEnd)) || s.charAt(nameEnd) == '_')) {
                    nameEnd++;
                }
            }
            String value = null;
            int end = -1;
            if (nameEnd > nameStart) {
                String name = s.substring(nameStart, nameEnd);
                if (braces) {
                    if (nameEnd < s.length() && s.charAt(nameEnd) == '}') {
                        value = definitions.get(name);
                        end = nameEnd + 1;
                    }
                } else if (nameEnd == s.length() || " \t,)".indexOf(s.charAt(nameEnd)) >= 0) {
                    value = definitions.get(name);
                    end = nameEnd;
                }
            }
            if (value == null) {
                pos++;
                continue;
            }
            s.replace(pos, end, value);
            found = true;
            replacements++;
        }
        return found ? s.toString() : null;
    }

    /** {@code ~SEQ(VAR, end)}, {@code ~SEQ(VAR, start, end)}, {@code ~SEQ(VAR, start, step, end)}; ~SEQx gives hex. */
    private void sequence(String buf, Path file, int lineNo) throws ImportException {
        String where = file + ":" + lineNo;
        int p = 4;
        boolean hex = p < buf.length() && buf.charAt(p) == 'x';
        if (hex) {
            p++;
        }
        int open = buf.indexOf('(', p);
        int close = buf.indexOf(')', p);
        if (open < 0 || close < open || !buf.substring(p, open).isBlank()) {
            throw new ImportException(where + ": ~SEQ: Invalid ~SEQ specification '" + buf + "'");
        }
        String[] parts = buf.substring(open + 1, close).split(",");
        String var = parts[0].strip();
        if (var.isEmpty() || parts.length < 2 || parts.length > 4) {
            throw new ImportException(where + ": ~SEQ: Invalid ~SEQ definition '" + buf + "'");
        }
        long[] n = new long[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
            String number = parts[i].strip();
            String expanded = replaceDefinitions(number);
            n[i - 1] = parseCLong(expanded == null ? number : expanded.strip(), where, buf);
        }
        long start;
        long step;
        long end;
        if (n.length == 1) {
            end = n[0];
            step = end < 1 ? -1 : 1;
            start = end < 0 ? -1 : 1;
        } else if (n.length == 2) {
            start = n[0];
            end = n[1];
            step = start <= end ? 1 : -1;
        } else {
            start = n[0];
            step = n[1];
            end = n[2];
            if (step == 0 || (start < end && step < 0) || (start > end && step > 0)) {
                throw new ImportException(where + ": ~SEQ: Invalid ~SEQ values '" + buf + "'");
            }
        }
        if (hex && (start < 0 || end < 0)) {
            throw new ImportException(where + ": ~SEQ: ~SEQx is only valid for positive numbers '" + buf + "'");
        }
        String text = buf.substring(close + 1).strip();
        for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
            definitions.put(var, hex ? Long.toHexString(v) : Long.toString(v));
            logical(file, lineNo, text);
        }
    }

    /** strtol(.., 0) for the forms real files use: decimal, 0x hex, leading-0 octal. */
    private static long parseCLong(String s, String where, String buf) throws ImportException {
        try {
            String t = s.strip();
            boolean negative = t.startsWith("-");
            if (negative || t.startsWith("+")) {
                t = t.substring(1);
            }
            long v;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                v = Long.parseLong(t.substring(2), 16);
            } else if (t.length() > 1 && t.startsWith("0")) {
                v = Long.parseLong(t.substring(1), 8);
            } else {
                v = Long.parseLong(t);
            }
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw new ImportException(where + ": ~SEQ: Invalid ~SEQ definition '" + buf + "'");
        }
    }

    private boolean include(String buf, Path file, int lineNo) throws ImportException {
        if (!buf.startsWith("include") || buf.length() < 8) {
            return false;
        }
        char c7 = buf.charAt(7);
        int patternStart;
        if (Character.isWhitespace(c7)) {
            patternStart = 8;
        } else if ("rmwba".indexOf(c7) >= 0 && buf.length() > 8 && Character.isWhitespace(buf.charAt(8))) {
            patternStart = 9;
        } else {
            return false;
        }
        String pattern = buf.substring(patternStart).strip();
        String where = file + ":" + lineNo;
        if (depth >= MAX_INCLUDE_DEPTH) {
            throw new ImportException(where + ": include: more than " + MAX_INCLUDE_DEPTH + " nested includes");
        }
        List<Path> files;
        try {
            Path base = file.toAbsolutePath().getParent();
            files = IncludeGlob.expand(base, pattern);
        } catch (IOException e) {
            throw new ImportException(where + ": include: cannot read " + pattern + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            diagnostics.add(where, "include", "no file matches " + pattern + "; keepalived skips it as well");
        }
        depth++;
        for (Path included : files) {
            readFile(included);
        }
        depth--;
        return true;
    }

    private void cutAtBraces(String text, Path file, int lineNo) {
        String rest = text;
        while (!rest.isEmpty()) {
            int brace = firstBrace(rest);
            if (brace < 0) {
                emit(rest, file, lineNo);
                return;
            }
            if (brace == 0) {
                emit(rest.substring(0, 1), file, lineNo);
                rest = rest.substring(1).strip();
            } else {
                emit(rest.substring(0, brace).stripTrailing(), file, lineNo);
                rest = rest.substring(brace).stripTrailing();
            }
        }
    }

    /** The first '{' or '}' outside double quotes; 0 when the text starts with one; -1 when none. */
    private static int firstBrace(String s) {
        if (s.charAt(0) == '{' || s.charAt(0) == '}') {
            return 0;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                int closing = s.indexOf('"', i + 1);
                if (closing < 0) {
                    return -1;
                }
                i = closing;
            } else if (c == '{' || c == '}') {
                return i;
            }
        }
        return -1;
    }

    private void emit(String text, Path file, int lineNo) {
        List<String> words = split(text, file, lineNo);
        if (!words.isEmpty()) {
            lines.add(new ConfLine(file, lineNo, List.copyOf(words)));
        }
    }

    /** keepalived's alloc_strvec(): blank-separated words; "..." is one word without its quotes. */
    private List<String> split(String text, Path file, int lineNo) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && isBlank(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (text.charAt(i) == '"') {
                int closing = text.indexOf('"', i + 1);
                if (closing < 0) {
                    diagnostics.add(file + ":" + lineNo, text, "unmatched quote: keepalived drops the rest of the line");
                    break;
                }
                words.add(text.substring(i + 1, closing));
                i = closing + 1;
            } else {
                int start = i;
                while (i < n && !isBlank(text.charAt(i)) && text.charAt(i) != '"') {
                    i++;
                }
                words.add(text.substring(start, i));
            }
        }
        return words;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r' || c == 0x0b;
    }

    private static int indexOfBlank(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
