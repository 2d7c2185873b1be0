package io.ipvsd.cli.importer;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** TOML 1.0 literals for the generated file. */
public final class TomlValues {
    private TomlValues() {
    }

    /** A basic string, escaped as TOML 1.0 requires. */
    public static String str(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    public static String num(long n) {
        return Long.toString(n);
    }

    public static String bool(boolean b) {
        return Boolean.toString(b);
    }

    public static String strings(List<String> items) {
        return items.stream().map(TomlValues::str).collect(Collectors.joining(", ", "[", "]"));
    }

    /** An array of values already in TOML syntax. */
    public static String array(List<String> tomlValues) {
        return tomlValues.stream().collect(Collectors.joining(", ", "[", "]"));
    }

    /** An inline table of values already in TOML syntax (one line, as TOML 1.0 requires). */
    public static String inline(Map<String, String> tomlValues) {
        if (tomlValues.isEmpty()) {
            return "{}";
        }
        return tomlValues.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", ", "{ ", " }"));
    }

    /** Whole seconds as ipvsd's duration syntax. */
    public static String seconds(long s) {
        return str(s + "s");
    }

    /** Milliseconds as ipvsd's duration syntax (whole seconds when exact). */
    public static String millis(long ms) {
        return ms % 1000 == 0 ? seconds(ms / 1000) : str(ms + "ms");
    }
}
