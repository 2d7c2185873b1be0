package io.ipvsd.cli.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A command's man page in roff, written from picocli's model of the command (the same model that
 * parses the arguments and prints --help): one page with the synopsis, description, options, every
 * subcommand with its own, the exit codes and the footer. picocli-codegen's ManPageGenerator
 * writes AsciiDoc, one page per subcommand, and needs Asciidoctor (Ruby) to become roff; the model
 * is enough to write roff directly, with nothing to install.
 */
final class CommandManPage {
    private final Roff.Page page = new Roff.Page();

    private CommandManPage() {
    }

    /**
     * @param section  man section ("8")
     * @param date     the page's date (YYYY-MM-DD)
     * @param source   the package and version, e.g. "ipvsd 0.1.0"
     * @param seeAlso  pages named in SEE ALSO, e.g. "ipvsd.toml(5)"
     */
    static String render(CommandLine command, String section, String date, String source, List<String> seeAlso) {
        CommandManPage p = new CommandManPage();
        CommandSpec spec = command.getCommandSpec();
        String name = spec.name();
        p.line(".TH " + quote(name.toUpperCase(Locale.ROOT)) + " " + section + " \"" + date + "\" " + quote(source)
                + " " + quote("System Administration"));
        p.line(".SH NAME");
        p.line(Roff.textLine(Roff.escape(name) + " \\- " + Roff.escape(lowerFirst(firstSentence(description(spec))))));
        p.line(".SH SYNOPSIS");
        p.synopsis(command);
        p.line(".SH DESCRIPTION");
        p.paragraphs(description(spec));
        p.options(spec, "OPTIONS");
        if (!command.getSubcommands().isEmpty()) {
            p.line(".SH COMMANDS");
            for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
                CommandSpec s = sub.getValue().getCommandSpec();
                p.line(".SS " + Roff.escape(name + " " + sub.getKey()));
                p.synopsis(sub.getValue());
                p.paragraphs(description(s));
                p.optionList(s);
            }
        }
        p.exitCodes(spec);
        p.footer(spec);
        if (!seeAlso.isEmpty()) {
            p.line(".SH SEE ALSO");
            List<String> refs = new ArrayList<>();
            for (String ref : seeAlso) {
                int paren = ref.indexOf('(');
                refs.add("\\fB" + Roff.escape(ref.substring(0, paren)) + "\\fR" + ref.substring(paren));
            }
            p.line(String.join(",\n", refs));
        }
        return p.page.toString();
    }

    private void synopsis(CommandLine command) {
        // One line from picocli (it would break inside an option), filled by the reader's man.
        command.getCommandSpec().usageMessage().autoWidth(false).width(Integer.MAX_VALUE / 2);
        String usage = new Help(command.getCommandSpec(), Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0);
        String text = usage.startsWith("Usage: ") ? usage.substring("Usage: ".length()) : usage;
        line(".PP");
        line(".ad l");
        line(".nh");
        line(Roff.textLine(Roff.escape(String.join(" ", text.lines().map(String::strip).toList()))));
        line(".hy");
        line(".ad b");
    }

    private void options(CommandSpec spec, String heading) {
        if (spec.options().stream().anyMatch(o -> !o.hidden()) || !spec.positionalParameters().isEmpty()) {
            line(".SH " + heading);
            optionList(spec);
        }
    }

    /** Every option a user can give, the inherited ones only where they are declared. */
    private void optionList(CommandSpec spec) {
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                item(Roff.italic(p.paramLabel()), p);
            }
        }
        for (OptionSpec o : spec.options()) {
            if (o.hidden() || o.inherited()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (String n : o.names()) {
                names.add(Roff.bold(n));
            }
            String tag = String.join(", ", names);
            if (o.arity().max() > 0) {
                tag += " " + Roff.italic(o.paramLabel());
            }
            item(tag, o);
        }
    }

    private void item(String tag, ArgSpec arg) {
        line(".TP");
        line(tag);
        line(Roff.textLine(Roff.escape(String.join(" ", arg.description()))));
    }

    private void exitCodes(CommandSpec spec) {
        Map<String, String> codes = spec.usageMessage().exitCodeList();
        if (codes.isEmpty()) {
            return;
        }
        line(".SH EXIT STATUS");
        codes.forEach((code, meaning) -> {
            line(".TP");
            line(Roff.bold(code.strip()));
            line(Roff.textLine(Roff.escape(meaning)));
        });
    }

    /** The footer under its heading ("Signals:" becomes SIGNALS), a paragraph per line. */
    private void footer(CommandSpec spec) {
        String heading = format(spec.usageMessage().footerHeading()).strip();
        if (heading.isEmpty() || spec.usageMessage().footer().length == 0) {
            return;
        }
        line(".SH " + Roff.escape(heading.replaceAll(":$", "").toUpperCase(Locale.ROOT)));
        paragraphs(spec.usageMessage().footer());
    }

    private void paragraphs(String[] lines) {
        for (String l : lines) {
            line(".PP");
            line(Roff.textLine(Roff.escape(format(l))));
        }
    }

    private static String[] description(CommandSpec spec) {
        return spec.usageMessage().description();
    }

    private static String firstSentence(String[] description) {
        String first = description.length == 0 ? "" : format(description[0]);
        int end = first.indexOf(". ");
        return (end < 0 ? first : first.substring(0, end)).replaceAll("\\.$", "");
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** picocli's format specifiers in usage text: %n is a line break, %% a percent sign. */
    private static String format(String s) {
        return s.replace("%n", "\n").replace("%%", "%");
    }

    private static String quote(String s) {
        return "\"" + Roff.escape(s) + "\"";
    }

    private void line(String s) {
        page.line(s);
    }
}
