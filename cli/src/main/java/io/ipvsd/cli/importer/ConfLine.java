package io.ipvsd.cli.importer;

import java.nio.file.Path;
import java.util.List;

/**
 * One logical line of a keepalived.conf after keepalived's reading rules (comments, includes,
 * {@code @id}, {@code $NAME}, {@code ~SEQ}, and a line cut before each '{' or '}'): its words as
 * keepalived splits them, and where it came from.
 */
public record ConfLine(Path file, int line, List<String> words) {
    public String keyword() {
        return words.get(0);
    }

    public boolean isOpen() {
        return words.size() == 1 && words.get(0).equals("{");
    }

    public boolean isClose() {
        return words.size() == 1 && words.get(0).equals("}");
    }

    /** The word at {@code index}, or null when the line is shorter. */
    public String word(int index) {
        return index < words.size() ? words.get(index) : null;
    }

    public String where() {
        return file + ":" + line;
    }
}
