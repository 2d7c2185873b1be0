package io.ipvsd.daemon.config;

import io.ipvsd.ipvs.Endpoints;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One TOML value and where it was written. The typed reads report a mismatch as an error at the
 * value's position and return empty, so callers can carry on and find further errors.
 */
final class Value {
    private static final Pattern INTERFACE_NAME = Pattern.compile("[^/:\\s]+");

    private static final int MAX_INTERFACE_NAME_BYTES = 15; // IFNAMSIZ - 1

    /** The enum choices of {@link #oneOf(Class)}, made once per type rather than per value read. */
    private static final ClassValue<Map<String, ?>> ENUM_CHOICES = new ClassValue<>() {
        @Override
        protected Map<String, ?> computeValue(Class<?> type) {
            Map<String, Object> choices = new LinkedHashMap<>();
            for (Object constant : type.getEnumConstants()) {
                choices.put(configName((Enum<?>) constant), constant);
            }
            return Collections.unmodifiableMap(choices);
        }
    };

    // A file of 10,000 services holds 450,000 values, and almost every one is read once and is
    // fine: its dotted path and positions are made when a message or a config record asks for
    // them, not for every value (they were a quarter of what loading such a file allocated).
    private final String parentPath;
    /** Null when parentPath is the whole path (array elements, parts). */
    private final String key;
    private final Object raw;
    private final long packedPos;
    private final long packedKeyPos;
    private final String file;
    private final Problems problems;
    private String path;
    private SourcePos pos;

    private Value(String parentPath, String key, Object raw, long packedPos, long packedKeyPos, String file,
                  Problems problems) {
        this.parentPath = parentPath;
        this.key = key;
        this.raw = raw;
        this.packedPos = packedPos;
        this.packedKeyPos = packedKeyPos;
        this.file = file;
        this.problems = problems;
    }

    /** The value of a table's i-th key; tablePath is the table's dotted path ("" at the top). */
    static Value field(String tablePath, TomlTableNode table, int i, Problems problems) {
        return new Value(tablePath, table.key(i), table.value(i), table.packedValuePos(i), table.packedKeyPos(i),
                table.fileOf(i), problems);
    }

    /** Dotted key path used in messages, e.g. "service.real.weight". */
    String path() {
        if (path == null) {
            path = key == null ? parentPath : TableReader.join(parentPath, key);
        }
        return path;
    }

    SourcePos pos() {
        if (pos == null) {
            pos = TomlTableNode.unpack(packedPos, file);
        }
        return pos;
    }

    /** Where the key of this value is written (the value's own position for array elements). */
    SourcePos keyPos() {
        return TomlTableNode.unpack(packedKeyPos, file);
    }

    void error(String problem) {
        problems.error(pos(), path() + ": " + problem);
    }

    /** "line 7", or "line 7 of FILE" when earlier is in another file than this value. */
    String lineOf(SourcePos earlier) {
        return problems.lineOf(earlier, pos());
    }

    /** Allowed, but probably not meant. */
    void warn(String problem) {
        problems.warn(pos(), path() + ": " + problem);
    }

    Optional<String> string() {
        return as(String.class, "a string");
    }

    Optional<Long> integer() {
        return as(Long.class, "an integer");
    }

    Optional<Boolean> bool() {
        return as(Boolean.class, "a boolean");
    }

    Optional<Integer> intIn(int min, int max) {
        return longIn(min, max).map(Long::intValue);
    }

    Optional<Long> longIn(long min, long max) {
        return integer().filter(n -> {
            boolean inRange = n >= min && n <= max;
            if (!inRange) {
                error("must be in " + min + ".." + max + ", got " + n);
            }
            return inRange;
        });
    }

    /** A duration string ("5s") or integer seconds; never negative. */
    Optional<Duration> duration() {
        if (raw instanceof Long seconds) {
            if (seconds < 0) {
                error("durations are never negative, got " + seconds);
                return Optional.empty();
            }
            return Optional.of(Duration.ofSeconds(seconds));
        }
        if (raw instanceof String text) {
            Optional<Duration> duration = Durations.parse(text);
            if (duration.isEmpty()) {
                error("bad duration \"" + text + "\": " + Durations.problem(text));
            }
            return duration;
        }
        if (raw instanceof Double seconds) {
            error("bad duration " + seconds + ": " + Durations.fractionOfSeconds(seconds));
            return Optional.empty();
        }
        error("expected a duration (like \"5s\") or integer seconds, got " + typeName(raw));
        return Optional.empty();
    }

    Optional<Duration> positiveDuration() {
        return duration().filter(d -> {
            if (d.isZero()) {
                error("must be greater than 0");
            }
            return !d.isZero();
        });
    }

    /** A duration the kernel takes in seconds: whole seconds, 1s..maxSeconds. */
    Optional<Duration> wholeSeconds(long maxSeconds) {
        return positiveDuration().filter(d -> {
            boolean whole = d.toMillisPart() == 0;
            if (!whole) {
                error("must be whole seconds, got " + Durations.format(d));
            } else if (d.toSeconds() > maxSeconds) {
                error("must be at most " + maxSeconds + "s, got " + Durations.format(d));
            }
            return whole && d.toSeconds() <= maxSeconds;
        });
    }

    /** One of the given words (case-sensitive, as everything in TOML). */
    <T> Optional<T> oneOf(Map<String, T> choices) {
        return string().flatMap(text -> {
            if (!choices.containsKey(text)) {
                error("must be one of " + String.join(", ", choices.keySet()) + "; got \"" + text + "\"");
            }
            return Optional.ofNullable(choices.get(text));
        });
    }

    /** An enum constant by its lowercase name with '-' for '_' (SH_FALLBACK is "sh-fallback"). */
    @SuppressWarnings("unchecked") // ENUM_CHOICES maps names to constants of the very type asked for
    <E extends Enum<E>> Optional<E> oneOf(Class<E> type) {
        return oneOf((Map<String, E>) ENUM_CHOICES.get(type));
    }

    static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    Optional<InetAddress> address() {
        return string().flatMap(text -> Addresses.parse(this, text, "not an IP address: \"" + text + "\""));
    }

    /** An address a packet can be sent to: not the unspecified address, not multicast. */
    Optional<InetAddress> hostAddress() {
        return address().filter(address -> {
            boolean usable = !address.isAnyLocalAddress() && !address.isMulticastAddress();
            if (!usable) {
                error(Endpoints.address(address) + " cannot be used here (unspecified or multicast)");
            }
            return usable;
        });
    }

    /** A Linux network interface name (what dev_valid_name() accepts). */
    Optional<String> interfaceName() {
        return string().filter(name -> {
            boolean valid = INTERFACE_NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..")
                    && name.getBytes(StandardCharsets.UTF_8).length <= MAX_INTERFACE_NAME_BYTES;
            if (!valid) {
                error("not an interface name: \"" + name + "\" (1 to 15 characters, no '/', ':' or spaces)");
            }
            return valid;
        });
    }

    /** The elements of an array, each with its own position and this value's path. */
    Optional<List<Value>> list() {
        return as(TomlArrayNode.class, "an array").map(array -> {
            List<Value> elements = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                long at = array.packedPos(i);
                elements.add(new Value(path(), null, array.get(i), at, at, array.fileOf(i), problems));
            }
            return elements;
        });
    }

    /** A non-empty array of strings, e.g. a command line. */
    Optional<List<String>> nonEmptyStrings() {
        return list().flatMap(elements -> {
            if (elements.isEmpty()) {
                error("must not be empty");
                return Optional.empty();
            }
            List<String> strings = new ArrayList<>();
            for (Value element : elements) {
                element.string().ifPresent(strings::add);
            }
            return strings.size() == elements.size() ? Optional.of(strings) : Optional.empty();
        });
    }

    Optional<TableReader> table() {
        return as(TomlTableNode.class, "a table").map(table -> TableReader.of(table, path(), pos(), problems));
    }

    /** A part of this value (a word of a string), reported at this value's position and path. */
    Value part(Object partRaw) {
        return new Value(path(), null, partRaw, packedPos, packedKeyPos, file, problems);
    }

    Object raw() {
        return raw;
    }

    private <T> Optional<T> as(Class<T> type, String what) {
        if (type.isInstance(raw)) {
            return Optional.of(type.cast(raw));
        }
        error("expected " + what + ", got " + typeName(raw));
        return Optional.empty();
    }

    static String typeName(Object value) {
        if (value instanceof String) {
            return "string";
        } else if (value instanceof Long) {
            return "integer";
        } else if (value instanceof Double) {
            return "float";
        } else if (value instanceof Boolean) {
            return "boolean";
        } else if (value instanceof TomlArrayNode) {
            return "array";
        } else if (value instanceof TomlTableNode) {
            return "table";
        } else if (value instanceof LocalDate) {
            return "date";
        } else if (value instanceof LocalTime) {
            return "time";
        } else if (value instanceof Temporal) {
            return "date-time";
        }
        return value.getClass().getSimpleName();
    }
}
