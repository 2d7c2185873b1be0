package io.ipvsd.daemon.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One TOML table being read. Knows each key's and value's position, so every problem can be
 * reported where it was written; missing keys and whole-table problems point at the table itself
 * (its [header], its '{', or for a table that was only implied, its first key).
 */
final class TableReader {
    private final String name;
    private final SourcePos pos;
    private final Problems problems;
    private final Map<String, Value> fields;

    private TableReader(String name, SourcePos pos, Problems problems, Map<String, Value> fields) {
        this.name = name;
        this.pos = pos;
        this.problems = problems;
        this.fields = fields;
    }

    /**
     * @param name dotted path of the table for messages ("" for the document root)
     * @param pos  where the table starts
     */
    static TableReader of(TomlTableNode table, String name, SourcePos pos, Problems problems) {
        Map<String, Value> fields = new LinkedHashMap<>(table.size() * 2);
        for (int i = 0; i < table.size(); i++) {
            fields.put(table.key(i), Value.field(name, table, i, problems));
        }
        return new TableReader(name, pos, problems, fields);
    }

    /** The dotted path of key in the table at path name ("" at the top). */
    static String join(String name, String key) {
        return name.isEmpty() ? key : name + "." + key;
    }

    SourcePos pos() {
        return pos;
    }

    Set<String> keys() {
        return fields.keySet();
    }

    boolean has(String key) {
        return fields.containsKey(key);
    }

    Optional<Value> value(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** The value if it is a string, without reporting anything when it is not. */
    Optional<String> peekString(String key) {
        return value(key).map(Value::raw).filter(String.class::isInstance).map(String.class::cast);
    }

    /** A problem with the table as a whole, reported at the table. */
    void error(String problem) {
        problems.error(pos, (name.isEmpty() ? "" : name + ": ") + problem);
    }

    /** "line 7", or "line 7 of FILE" when earlier is in another file than this table. */
    String lineOf(SourcePos earlier) {
        return problems.lineOf(earlier, pos);
    }

    /** A problem with a key being there at all, reported at the key. */
    void keyError(String key, String problem) {
        Value field = fields.get(key);
        problems.error(field.keyPos(), field.path() + ": " + problem);
    }

    Optional<Value> required(String key) {
        if (!has(key)) {
            error("missing required key \"" + key + "\"");
        }
        return value(key);
    }

    /** Reports every key not in known, suggesting the closest known key (typo protection). */
    void allowOnly(Collection<String> known) {
        for (String key : keys()) {
            if (!known.contains(key)) {
                keyError(key, "unknown key" + Suggestions.didYouMean(key, known));
            }
        }
    }

    /** The table under key, or an empty table at this one's position if the key is absent. */
    TableReader tableOrEmpty(String key) {
        if (!has(key)) {
            return new TableReader(join(name, key), pos, problems, Map.of());
        }
        return table(key).orElseGet(() -> new TableReader(join(name, key), pos, problems, Map.of()));
    }

    /** An array of tables ([[key]] or key = [{...}]); absent is empty. */
    List<TableReader> tables(String key) {
        Optional<Value> value = value(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get().raw() instanceof TomlTableNode) {
            value.get().error("must be an array of tables: write [[" + value.get().path() + "]]");
            return List.of();
        }
        List<TableReader> tables = new ArrayList<>();
        value.get().list().ifPresent(elements -> elements.forEach(element -> element.table().ifPresent(tables::add)));
        return tables;
    }

    /**
     * This table plus the fields of base that it does not set itself and that inherit accepts.
     * Inherited fields keep their own positions and paths, so their errors point into base.
     */
    TableReader inheriting(TableReader base, Predicate<String> inherit) {
        Map<String, Value> merged = new LinkedHashMap<>(fields);
        base.fields.forEach((key, field) -> {
            if (!merged.containsKey(key) && inherit.test(key)) {
                merged.put(key, field);
            }
        });
        return new TableReader(name, pos, problems, merged);
    }

    // Shortcuts for the common "optional key of type X" reads.

    Optional<String> string(String key) {
        return value(key).flatMap(Value::string);
    }

    Optional<Boolean> bool(String key) {
        return value(key).flatMap(Value::bool);
    }

    Optional<Integer> intIn(String key, int min, int max) {
        return value(key).flatMap(v -> v.intIn(min, max));
    }

    Optional<Long> longIn(String key, long min, long max) {
        return value(key).flatMap(v -> v.longIn(min, max));
    }

    Optional<Duration> duration(String key) {
        return value(key).flatMap(Value::duration);
    }

    Optional<Duration> positiveDuration(String key) {
        return value(key).flatMap(Value::positiveDuration);
    }

    <T> Optional<T> oneOf(String key, Map<String, T> choices) {
        return value(key).flatMap(v -> v.oneOf(choices));
    }

    <E extends Enum<E>> Optional<E> oneOf(String key, Class<E> type) {
        return value(key).flatMap(v -> v.oneOf(type));
    }

    Optional<InetAddress> hostAddress(String key) {
        return value(key).flatMap(Value::hostAddress);
    }

    Optional<String> interfaceName(String key) {
        return value(key).flatMap(Value::interfaceName);
    }

    Optional<TableReader> table(String key) {
        return value(key).flatMap(Value::table);
    }
}
