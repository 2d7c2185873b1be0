package io.ipvsd.cli.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import could not carry over, or changed as keepalived does: one {@code FILE:LINE:
 * keyword: why} line each, printed on stderr and written as a comment into the output.
 */
public final class Diagnostics {
    /** One finding; {@code where} is "FILE:LINE" (or just a name for input without lines). */
    public record Note(String where, String keyword, String why) {
        @Override
        public String toString() {
            return where + ": " + keyword + ": " + why;
        }
    }

    private final List<Note> notes = new ArrayList<>();
    private int written;

    public Note add(String where, String keyword, String why) {
        Note note = new Note(where, keyword, why);
        notes.add(note);
        return note;
    }

    public Note add(ConfLine line, String why) {
        return add(line.where(), line.keyword(), why);
    }

    /** The notes added since the last call: they are written as comments where the output has got to. */
    public List<Note> unwritten() {
        List<Note> pending = List.copyOf(notes.subList(written, notes.size()));
        written = notes.size();
        return pending;
    }

    public List<Note> notes() {
        return List.copyOf(notes);
    }
}
