package io.ipvsd.daemon.config;

import io.ipvsd.ipvs.Endpoints;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
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

    private final String path;
    private final Object raw;
    private final SourcePos pos;
    private final Problems problems;

    Value(String path, Object raw, SourcePos pos, Problems problems) {
        this.path = path;
        this.raw = raw;
        this.pos = pos;
        this.problems = problems;
    }

    /** Dotted key path used in messages, e.g. "service.real.weight". */
    String path() {
        return path;
    }

    SourcePos pos() {
        return pos;
    }

    void error(String problem) {
        problems.error(pos, path + ": " + problem);
    }

    /** "line 7", or "line 7 of FILE" when earlier is in another file than this value. */
    String lineOf(SourcePos earlier) {
        return problems.lineOf(earlier, pos);
    }

    /** Allowed, but probably not meant. */
    void warn(String problem) {
        problems.warn(pos, path + ": " + problem);
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
    <E extends Enum<E>> Optional<E> oneOf(Class<E> type) {
        Map<String, E> choices = new LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            choices.put(configName(constant), constant);
        }
        return oneOf(choices);
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
                elements.add(new Value(path, array.get(i), array.pos(i), problems));
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
        return as(TomlTableNode.class, "a table").map(table -> TableReader.of(table, path, pos, problems));
    }

    /** A part of this value (a word of a string), reported at this value's position and path. */
    Value part(Object partRaw) {
        return new Value(path, partRaw, pos, problems);
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
