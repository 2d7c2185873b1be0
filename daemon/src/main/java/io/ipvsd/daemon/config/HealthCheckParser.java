package io.ipvsd.daemon.config;

import io.ipvsd.daemon.health.AllChecks;
import io.ipvsd.daemon.health.CheckAddress;
import io.ipvsd.daemon.health.CheckPolicy;
import io.ipvsd.daemon.health.CheckSpec;
import io.ipvsd.daemon.health.DnsCheck;
import io.ipvsd.daemon.health.DnsType;
import io.ipvsd.daemon.health.ExecCheck;
import io.ipvsd.daemon.health.HttpCheck;
import io.ipvsd.daemon.health.HttpUrl;
import io.ipvsd.daemon.health.PingCheck;
import io.ipvsd.daemon.health.SmtpCheck;
import io.ipvsd.daemon.health.TcpCheck;
import io.ipvsd.daemon.health.UdpCheck;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * health_check tables. A real server's table overrides its service's key by key: the timing keys
 * are always inherited, the type's own keys (path, command, ...) only while the type is the same,
 * and nothing is inherited by type = "none".
 *
 * <p>health_checks arrays (several checks, all must pass) are taken whole: a real server's
 * health_checks or health_check replaces the service's health_checks, and each table of an array
 * stands alone (no key of another table is inherited).
 */
final class HealthCheckParser {
    static final Set<String> COMMON_KEYS = Set.of("type", "interval", "timeout", "fall", "rise", "retry_delay",
            "initial_state", "warmup");
    /** What one URL is judged on: in urls = [...] tables, or at the top level for a single URL. */
    static final Set<String> URL_KEYS = Set.of("path", "expect_status", "body_contains", "body_regex", "digest");
    private static final Set<String> ADDRESS_KEYS = Set.of("connect_port", "connect_ip", "bind_ip");
    private static final Set<String> HTTP_KEYS = union(union(URL_KEYS, ADDRESS_KEYS), Set.of("host", "urls"));
    private static final Map<String, DnsType> DNS_TYPES = dnsTypes();
    private static final int DNS_PORT = 53;
    private static final int SMTP_PORT = 25;
    private static final String DEFAULT_HELO = "smtpchecker.ipvsd";
    private static final int MD5_HEX_DIGITS = 32;
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

    /** Reads a service's health_checks tables so their errors are reported even if no real server uses them. */
    static void validate(List<TableReader> serviceChecks) {
        serviceChecks.forEach(HealthCheckParser::policy);
    }

    /**
     * The policy of health_checks tables: their checks, all of which must pass (a single table is just
     * that check). Tables whose check needs a port get an error when {@code realPort} is 0.
     */
    static CheckPolicy resolveAll(List<TableReader> checks, int realPort) {
        List<CheckPolicy> policies = new ArrayList<>();
        for (TableReader check : checks) {
            policy(check).ifPresent(policy -> {
                if (realPort == 0 && needsPort(policy.spec())) {
                    check.error("needs connect_port, because the real server's port is 0");
                }
                policies.add(policy);
            });
        }
        if (policies.size() != checks.size() || policies.isEmpty()) {
            return CheckPolicy.none();
        }
        List<CheckPolicy> checking = policies.stream().filter(p -> !p.equals(CheckPolicy.none())).toList();
        return checking.size() == 1 ? checking.get(0)
                : checking.isEmpty() ? CheckPolicy.none() : CheckPolicy.allOf(checking);
    }

    /** Checks that go to the real server's own port when they have no connect_port. */
    static boolean needsPort(CheckSpec spec) {
        return spec instanceof TcpCheck tcp && tcp.connectPort() == 0
                || spec instanceof HttpCheck http && http.connectPort() == 0
                || spec instanceof UdpCheck udp && udp.to().connectPort() == 0
                || spec instanceof AllChecks all && all.checks().stream().anyMatch(p -> needsPort(p.spec()));
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

    static Optional<CheckPolicy> policy(TableReader check) {
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
            case "tcp" -> Optional.of(new TcpCheck(address(check, 0)));
            case "http" -> http(check, false);
            case "https" -> http(check, true);
            case "ping" -> Optional.of(new PingCheck(check.hostAddress("connect_ip").orElse(null)));
            case "udp" -> Optional.of(udp(check));
            case "dns" -> dns(check);
            case "smtp" -> Optional.of(new SmtpCheck(address(check, SMTP_PORT), heloName(check)));
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

    /** connect_port (else {@code defaultPort}, 0 = the real server's), connect_ip and bind_ip of one family. */
    private static CheckAddress address(TableReader check, int defaultPort) {
        int port = check.intIn("connect_port", 1, 65535).orElse(defaultPort);
        InetAddress connectIp = check.hostAddress("connect_ip").orElse(null);
        InetAddress bindIp = check.hostAddress("bind_ip").orElse(null);
        if (connectIp != null && bindIp != null && (connectIp instanceof Inet4Address) != (bindIp instanceof Inet4Address)) {
            check.value("bind_ip").orElseThrow().error("is not of the family of connect_ip ("
                    + connectIp.getHostAddress() + ")");
        }
        return new CheckAddress(port, connectIp, bindIp);
    }

    private static Optional<CheckSpec> http(TableReader check, boolean tls) {
        String host = check.string("host").orElse(null);
        boolean verifyTls = check.bool("tls_verify").orElse(false);
        List<HttpUrl> urls;
        if (check.has("urls")) {
            for (String key : check.keys()) {
                if (URL_KEYS.contains(key)) {
                    check.keyError(key, "not together with urls: write it in each of the urls tables");
                }
            }
            urls = urls(check);
            if (urls.isEmpty()) {
                return Optional.empty();
            }
        } else {
            urls = List.of(url(check));
        }
        return Optional.of(new HttpCheck(tls, verifyTls, host, urls, address(check, 0)));
    }

    private static List<HttpUrl> urls(TableReader check) {
        Value value = check.value("urls").orElseThrow();
        List<TableReader> tables = check.tables("urls");
        if (tables.isEmpty()) {
            if (value.list().map(List::isEmpty).orElse(false)) {
                value.error("must not be empty");
            }
            return List.of();
        }
        List<HttpUrl> urls = new ArrayList<>();
        for (TableReader table : tables) {
            table.allowOnly(URL_KEYS);
            if (!table.has("path")) {
                table.error("missing key \"path\"");
            }
            urls.add(url(table));
        }
        return urls;
    }

    /** One URL from the URL keys of {@code table} (a urls element, or the check for the one-URL form). */
    private static HttpUrl url(TableReader table) {
        String path = table.value("path").flatMap(HealthCheckParser::requestPath).orElse("/");
        Set<Integer> expectStatus = table.value("expect_status").flatMap(HealthCheckParser::statuses).orElse(Set.of(200));
        String bodyContains = table.string("body_contains").orElse(null);
        Pattern bodyRegex = table.value("body_regex").flatMap(HealthCheckParser::regex).orElse(null);
        String digest = table.value("digest").flatMap(HealthCheckParser::md5Hex).orElse(null);
        return new HttpUrl(path, expectStatus, bodyContains, bodyRegex, digest);
    }

    private static Optional<String> md5Hex(Value value) {
        return value.string().flatMap(text -> {
            if (text.length() != MD5_HEX_DIGITS || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                value.error("must be an MD5 digest: 32 hex digits (as keepalived's genhash prints), got \""
                        + text + "\"");
                return Optional.empty();
            }
            return Optional.of(text.toLowerCase(Locale.ROOT));
        });
    }

    private static UdpCheck udp(TableReader check) {
        String payload = check.value("payload_hex").flatMap(HealthCheckParser::hex).orElse("");
        String expect = check.value("expect_reply_hex").flatMap(HealthCheckParser::hex).orElse("");
        boolean requireReply = check.bool("require_reply").orElse(false);
        if (!expect.isEmpty() && check.has("require_reply") && !requireReply) {
            check.value("require_reply").orElseThrow().error("must not be false with expect_reply_hex, which needs a reply");
        }
        return new UdpCheck(address(check, 0), payload, requireReply || !expect.isEmpty(), expect);
    }

    /** A string of hex digits, two per byte, in either case. */
    private static Optional<String> hex(Value value) {
        return value.string().flatMap(text -> {
            try {
                return Optional.of(HexFormat.of().formatHex(HexFormat.of().parseHex(text)));
            } catch (IllegalArgumentException e) {
                value.error("must be hex digits, two per byte (e.g. \"0a1b\"), got \"" + text + "\"");
                return Optional.empty();
            }
        });
    }

    private static Optional<CheckSpec> dns(TableReader check) {
        CheckAddress to = address(check, DNS_PORT);
        DnsType type = check.oneOf("query_type", DNS_TYPES).orElse(DnsType.SOA);
        Optional<String> name = check.value("query_name").map(value -> value.string().filter(text -> {
            String problem = DnsCheck.nameProblem(text);
            if (problem != null) {
                value.error("not a DNS name: " + problem);
            }
            return problem == null;
        })).orElse(Optional.of("."));
        return name.map(n -> new DnsCheck(to, n, type));
    }

    private static String heloName(TableReader check) {
        return check.value("helo_name").flatMap(value -> value.string().filter(name -> {
            boolean valid = !name.isEmpty() && name.chars().allMatch(c -> c > ' ' && c < 127);
            if (!valid) {
                value.error("must be a non-empty name of printable ASCII without spaces, got \"" + name + "\"");
            }
            return valid;
        })).orElse(DEFAULT_HELO);
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
        keys.put("tcp", ADDRESS_KEYS);
        keys.put("http", HTTP_KEYS);
        keys.put("https", union(HTTP_KEYS, Set.of("tls_verify")));
        keys.put("ping", Set.of("connect_ip"));
        keys.put("udp", union(ADDRESS_KEYS, Set.of("payload_hex", "require_reply", "expect_reply_hex")));
        keys.put("dns", union(ADDRESS_KEYS, Set.of("query_name", "query_type")));
        keys.put("smtp", union(ADDRESS_KEYS, Set.of("helo_name")));
        keys.put("exec", Set.of("command", "dynamic_weight"));
        keys.put("none", Set.of());
        return keys;
    }

    /** Written as in DNS tools and keepalived: "A", "SOA"... */
    private static Map<String, DnsType> dnsTypes() {
        Map<String, DnsType> types = new LinkedHashMap<>();
        for (DnsType type : DnsType.values()) {
            types.put(type.name(), type);
        }
        return types;
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
