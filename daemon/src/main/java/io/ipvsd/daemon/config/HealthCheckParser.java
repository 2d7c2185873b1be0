package io.ipvsd.daemon.config;

import io.ipvsd.daemon.health.CheckPolicy;
import io.ipvsd.daemon.health.CheckSpec;
import io.ipvsd.daemon.health.ExecCheck;
import io.ipvsd.daemon.health.HttpCheck;
import io.ipvsd.daemon.health.TcpCheck;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * health_check tables. A real server's table overrides its service's key by key: the timing keys
 * are always inherited, the type's own keys (path, command, ...) only while the type is the same,
 * and nothing is inherited by type = "none".
 */
final class HealthCheckParser {
    static final Set<String> COMMON_KEYS = Set.of("type", "interval", "timeout", "fall", "rise", "retry_delay",
            "initial_state", "warmup");
    private static final Set<String> HTTP_KEYS = Set.of("path", "expect_status", "host", "body_contains",
            "body_regex", "connect_port");
    /** Keys each type takes besides the common ones; "none" takes nothing but "type". */
    static final Map<String, Set<String>> TYPE_KEYS = typeKeys();
    static final Set<String> ALL_KEYS = allKeys();

    private static final Map<String, String> INITIAL_STATES = Choices.words(List.of("up", "down"));
    private static final int MAX_FALL_RISE = 1000;
    // Defaults are those of a policy without check, so one place decides them.
    private static final CheckPolicy DEFAULTS = CheckPolicy.none();

    private HealthCheckParser() {
    }

    /** Reads a service's own table so its errors are reported even if no real server inherits it. */
    static void validate(TableReader serviceCheck) {
        policy(serviceCheck);
    }

    /** The policy of one real server; errors go to where each key was written. */
    static CheckPolicy resolve(Optional<TableReader> serviceCheck, Optional<TableReader> realCheck) {
        Optional<TableReader> effective = realCheck
                .map(real -> serviceCheck.map(service -> inherit(real, service)).orElse(real))
                .or(() -> serviceCheck);
        return effective.flatMap(HealthCheckParser::policy).orElse(CheckPolicy.none());
    }

    private static TableReader inherit(TableReader real, TableReader service) {
        Optional<String> serviceType = service.peekString("type");
        Optional<String> type = real.has("type") ? real.peekString("type") : serviceType;
        boolean sameType = type.isPresent() && type.equals(serviceType);
        boolean checking = !type.equals(Optional.of("none"));
        return real.inheriting(service,
                key -> key.equals("type") || checking && (COMMON_KEYS.contains(key) || sameType));
    }

    private static Optional<CheckPolicy> policy(TableReader check) {
        Optional<String> type = check.required("type").flatMap(v -> v.oneOf(Choices.words(TYPE_KEYS.keySet())));
        if (type.isEmpty()) {
            check.allowOnly(ALL_KEYS);
            return Optional.empty();
        }
        rejectKeysOfOtherTypes(check, type.get());
        if (type.get().equals("none")) {
            return Optional.of(CheckPolicy.none());
        }
        Duration interval = check.positiveDuration("interval").orElse(DEFAULTS.interval());
        Duration timeout = check.positiveDuration("timeout").orElse(DEFAULTS.timeout());
        int fall = check.intIn("fall", 1, MAX_FALL_RISE).orElse(DEFAULTS.fall());
        int rise = check.intIn("rise", 1, MAX_FALL_RISE).orElse(DEFAULTS.rise());
        Duration retryDelay = check.positiveDuration("retry_delay").orElse(interval);
        boolean initiallyUp = check.oneOf("initial_state", INITIAL_STATES).map("up"::equals)
                .orElse(DEFAULTS.initiallyUp());
        Duration warmup = check.duration("warmup").orElse(DEFAULTS.warmup());
        Optional<CheckSpec> spec = switch (type.get()) {
            case "tcp" -> Optional.of(new TcpCheck(connectPort(check)));
            case "http" -> Optional.of(http(check, false));
            case "https" -> Optional.of(http(check, true));
            default -> exec(check);
        };
        return spec.map(s -> new CheckPolicy(s, interval, timeout, fall, rise, retryDelay, initiallyUp, warmup));
    }

    private static void rejectKeysOfOtherTypes(TableReader check, String type) {
        Set<String> valid = type.equals("none") ? Set.of("type") : union(COMMON_KEYS, TYPE_KEYS.get(type));
        for (String key : check.keys()) {
            if (ALL_KEYS.contains(key) && !valid.contains(key)) {
                check.keyError(key, "not valid for type = \"" + type + "\"");
            }
        }
        check.allowOnly(ALL_KEYS);
    }

    private static int connectPort(TableReader check) {
        return check.intIn("connect_port", 1, 65535).orElse(0);
    }

    private static HttpCheck http(TableReader check, boolean tls) {
        String path = check.value("path").flatMap(HealthCheckParser::requestPath).orElse("/");
        Set<Integer> expectStatus = check.value("expect_status").flatMap(HealthCheckParser::statuses).orElse(Set.of(200));
        String host = check.string("host").orElse(null);
        String bodyContains = check.string("body_contains").orElse(null);
        Pattern bodyRegex = check.value("body_regex").flatMap(HealthCheckParser::regex).orElse(null);
        boolean verifyTls = check.bool("tls_verify").orElse(false);
        return new HttpCheck(tls, verifyTls, path, host, expectStatus, bodyContains, bodyRegex, connectPort(check));
    }

    private static Optional<String> requestPath(Value value) {
        return value.string().filter(path -> {
            if (!path.startsWith("/")) {
                value.error("must start with '/', got \"" + path + "\"");
            }
            return path.startsWith("/");
        });
    }

    private static Optional<Set<Integer>> statuses(Value value) {
        return value.list().flatMap(elements -> {
            if (elements.isEmpty()) {
                value.error("must not be empty");
                return Optional.empty();
            }
            Set<Integer> statuses = new LinkedHashSet<>();
            for (Value element : elements) {
                element.intIn(100, 599).ifPresent(statuses::add);
            }
            return Optional.of(statuses);
        });
    }

    private static Optional<Pattern> regex(Value value) {
        return value.string().flatMap(text -> {
            try {
                return Optional.of(Pattern.compile(text));
            } catch (PatternSyntaxException e) {
                value.error("bad regular expression: " + e.getDescription() + " near index " + e.getIndex());
                return Optional.empty();
            }
        });
    }

    private static Optional<CheckSpec> exec(TableReader check) {
        Optional<List<String>> command = check.required("command").flatMap(Value::nonEmptyStrings);
        boolean dynamicWeight = check.bool("dynamic_weight").orElse(false);
        return command.map(argv -> new ExecCheck(argv, dynamicWeight));
    }

    private static Map<String, Set<String>> typeKeys() {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        keys.put("tcp", Set.of("connect_port"));
        keys.put("http", HTTP_KEYS);
        keys.put("https", union(HTTP_KEYS, Set.of("tls_verify")));
        keys.put("exec", Set.of("command", "dynamic_weight"));
        keys.put("none", Set.of());
        return keys;
    }

    private static Set<String> allKeys() {
        Set<String> all = new HashSet<>(COMMON_KEYS);
        TYPE_KEYS.values().forEach(all::addAll);
        return Set.copyOf(all);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return union;
    }
}
