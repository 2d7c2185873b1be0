package io.ipvsd.cli.docs;

/**
 * Text to roff (man(7)) source: backslashes and dashes escaped, characters outside ASCII as
 * {@code \[uXXXX]} (so the page needs no input encoding), and a line that would start with a
 * control character protected.
 */
final class Roff {
    private Roff() {
    }

    /** Escapes plain text for use inside a roff line. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (c == '\\') {
                out.append("\\e");
            } else if (c == '-') {
                out.append("\\-");
            } else if (c > 127) {
                out.append(String.format("\\[u%04X]", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }

    static String bold(String text) {
        return "\\fB" + escape(text) + "\\fR";
    }

    static String italic(String text) {
        return "\\fI" + escape(text) + "\\fR";
    }

    /**
     * Escaped text as the page's source lines: broken at spaces to lines of at most 80 bytes
     * (mandoc's style limit; filling joins them again), a leading '.' or '\'' protected so it is
     * not read as a request.
     */
    static String textLine(String escaped) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String word : escaped.strip().split(" +")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > 80) {
                out.append(protect(line.toString())).append('\n');
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        return out.append(protect(line.toString())).toString();
    }

    private static String protect(String line) {
        return line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line;
    }

    /** A page's line sink that drops a paragraph macro right after a heading (mandoc: "PP after SH"). */
    static final class Page {
        private final StringBuilder text = new StringBuilder();
        private String last = "";

        void line(String s) {
            if (s.equals(".PP") && (last.startsWith(".SH") || last.startsWith(".SS"))) {
                return;
            }
            text.append(s).append('\n');
            last = s;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
