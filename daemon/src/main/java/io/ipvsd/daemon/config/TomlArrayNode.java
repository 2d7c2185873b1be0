package io.ipvsd.daemon.config;

import java.util.Arrays;

/** A TOML array as {@link TomlParser} reads it: the elements with their positions. */
final class TomlArrayNode {
    private final String file;
    /** Made by [[headers]]: more headers add to it; a static array [...] takes no [[header]]. */
    final boolean ofTables;

    private Object[] elements = new Object[2];
    private long[] positions = new long[2];
    private int size;

    TomlArrayNode(String file, boolean ofTables) {
        this.file = file;
        this.ofTables = ofTables;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Object get(int i) {
        return elements[i];
    }

    /** An element's position, in the file the element was written in. */
    SourcePos pos(int i) {
        return TomlTableNode.unpack(positions[i], fileOf(i));
    }

    long packedPos(int i) {
        return positions[i];
    }

    /** The file the i-th element was written in (null: the loaded file). */
    String fileOf(int i) {
        return elements[i] instanceof TomlTableNode table ? table.file() : file;
    }

    Object last() {
        return elements[size - 1];
    }

    void add(Object element, long pos) {
        if (size == elements.length) {
            elements = Arrays.copyOf(elements, size * 2);
            positions = Arrays.copyOf(positions, size * 2);
        }
        elements[size] = element;
        positions[size] = pos;
        size++;
    }

    /** Appends another file's [[tables]] of the same name (includes). */
    void addAll(TomlArrayNode other) {
        for (int i = 0; i < other.size; i++) {
            add(other.elements[i], other.positions[i]);
        }
    }
}
