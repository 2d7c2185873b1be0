package io.ipvsd.daemon.config;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A TOML table as {@link TomlParser} reads it: keys in the order written, each with its value
 * and both positions. Compact on purpose (parallel arrays, positions packed in a long) because a
 * generated file holds hundreds of thousands of them; see {@link TomlParser} for why we parse
 * ourselves.
 */
final class TomlTableNode {
    /** How the table came to be; decides what may still be added to it (TOML 1.0, "Table"). */
    enum Origin {
        /** Implied by a [a.b] header's prefix: a later [a] header may still define it. */
        IMPLIED,
        /** Defined by a [header] (or the document root). */
        HEADER,
        /** Made by a dotted key (a.b = 1): more dotted keys may add to it, a header may not. */
        DOTTED,
        /** An inline table { ... } or one of its sub-tables: closed, nothing may be added. */
        INLINE,
        /** An element of an array of tables [[a]]. */
        ARRAY_ELEMENT
    }

    private static final int INDEX_FROM = 12;

    private final String file;
    private final long pos;
    Origin origin;

    private String[] keys = new String[4];
    private Object[] values = new Object[4];
    /** Per entry: line, key column and value column (a value starts on its key's line). */
    private long[] positions = new long[4];
    /** Per entry, only in a merged root: the file the entry was written in. */
    private String[] entryFiles;
    private int size;
    private Map<String, Integer> index;

    TomlTableNode(String file, long pos, Origin origin) {
        this.file = file;
        this.pos = pos;
        this.origin = origin;
    }

    /** Limits of a position in a file (so that an entry's positions fit one long). */
    static final int MAX_LINE = (1 << 23) - 1;
    static final int MAX_COLUMN = (1 << 20) - 1;

    static long pack(int line, int column) {
        return (long) line << 32 | column;
    }

    private static int line(long packed) {
        return (int) (packed >>> 32);
    }

    private static int column(long packed) {
        return (int) packed;
    }

    static SourcePos unpack(long pos, String file) {
        return new SourcePos((int) (pos >>> 32), (int) pos, file);
    }

    /** The file the table was written in (null: the loaded file). */
    String file() {
        return file;
    }

    SourcePos pos() {
        return unpack(pos, file);
    }

    int size() {
        return size;
    }

    String key(int i) {
        return keys[i];
    }

    Object value(int i) {
        return values[i];
    }

    String fileOf(int i) {
        return entryFiles == null ? file : entryFiles[i];
    }

    SourcePos keyPos(int i) {
        return unpack(packedKeyPos(i), fileOf(i));
    }

    SourcePos valuePos(int i) {
        return unpack(packedValuePos(i), fileOf(i));
    }

    int indexOf(String key) {
        if (index != null) {
            return index.getOrDefault(key, -1);
        }
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    Object get(String key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    void put(String key, Object value, long keyPos, long valuePos) {
        put(key, value, keyPos, valuePos, file);
    }

    /** Adds an entry written in another file (merging an included document into this root). */
    void put(String key, Object value, long keyPos, long valuePos, String entryFile) {
        if (size == keys.length) {
            int capacity = size * 2;
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
            positions = Arrays.copyOf(positions, capacity);
            if (entryFiles != null) {
                entryFiles = Arrays.copyOf(entryFiles, capacity);
            }
        }
        if (!java.util.Objects.equals(entryFile, file) && entryFiles == null) {
            entryFiles = new String[keys.length];
            Arrays.fill(entryFiles, 0, size, file);
        }
        keys[size] = key;
        values[size] = value;
        positions[size] = (long) line(keyPos) << 40 | (long) column(keyPos) << 20 | column(valuePos);
        if (entryFiles != null) {
            entryFiles[size] = entryFile;
        }
        if (index != null) {
            index.put(key, size);
        } else if (size + 1 == INDEX_FROM) {
            // A table with many keys (a long [sysctl]) is looked up by hash, not by a scan per key.
            index = new HashMap<>();
            for (int i = 0; i <= size; i++) {
                index.put(keys[i], i);
            }
        }
        size++;
    }

    long packedKeyPos(int i) {
        return pack((int) (positions[i] >>> 40), (int) (positions[i] >>> 20) & MAX_COLUMN);
    }

    long packedValuePos(int i) {
        return pack((int) (positions[i] >>> 40), (int) positions[i] & MAX_COLUMN);
    }

    /** Removes an entry (the include key, once it has been acted on). */
    void remove(int i) {
        int tail = size - i - 1;
        System.arraycopy(keys, i + 1, keys, i, tail);
        System.arraycopy(values, i + 1, values, i, tail);
        System.arraycopy(positions, i + 1, positions, i, tail);
        if (entryFiles != null) {
            System.arraycopy(entryFiles, i + 1, entryFiles, i, tail);
        }
        size--;
        keys[size] = null;
        values[size] = null;
        if (index != null) {
            index.clear();
            for (int j = 0; j < size; j++) {
                index.put(keys[j], j);
            }
        }
    }

    /** Closes an inline table and its sub-tables. */
    void seal() {
        origin = Origin.INLINE;
        for (int i = 0; i < size; i++) {
            if (values[i] instanceof TomlTableNode table) {
                table.seal();
            }
        }
    }
}
