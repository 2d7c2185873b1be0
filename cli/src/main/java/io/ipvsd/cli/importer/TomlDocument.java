package io.ipvsd.cli.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * The generated ipvsd file: a head comment, then tables in order. Tables whose header starts
 * with "[[service.real" are indented under their service.
 */
public final class TomlDocument {
    private final List<String> head = new ArrayList<>();
    private final List<Object> parts = new ArrayList<>();
    private final Diagnostics diagnostics;

    /** @param diagnostics notes not yet written go above the next table (where the input has got to) */
    public TomlDocument(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    public void headComment(String text) {
        head.add(text);
    }

    public TomlTable table(String header) {
        return add(new TomlTable(header));
    }

    public TomlTable add(TomlTable t) {
        flushNotes();
        parts.add(t);
        return t;
    }

    /** Writes the notes not yet written as a comment here. */
    public void flushNotes() {
        List<Diagnostics.Note> pending = diagnostics.unwritten();
        if (!pending.isEmpty()) {
            StringBuilder text = new StringBuilder("NOT CARRIED OVER / CHANGED AS KEEPALIVED DOES:");
            for (Diagnostics.Note n : pending) {
                text.append("\n  ").append(n);
            }
            parts.add(text.toString());
        }
    }

    /** A comment standing between tables (for things not carried over). */
    public void comment(String text) {
        parts.add(text);
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        for (String h : head) {
            for (String line : h.split("\n")) {
                out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
            }
        }
        for (Object part : parts) {
            out.append('\n');
            if (part instanceof TomlTable t) {
                t.write(out, t.header().startsWith("[[service.real") || t.header().startsWith("[service.") ? "  " : "");
            } else {
                for (String line : ((String) part).split("\n")) {
                    out.append("# ").append(line).append('\n');
                }
            }
        }
        return out.toString();
    }
}
