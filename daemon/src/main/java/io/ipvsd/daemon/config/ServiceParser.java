package io.ipvsd.daemon.config;

import io.ipvsd.ipvs.Endpoints;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * [[service]] tables. One instance reads all of them, because names and identities must be unique
 * across the file.
 */
final class ServiceParser {
    static final Set<String> KEYS = Set.of("name", "protocol", "address", "port", "fwmark", "family", "scheduler",
            "scheduler_flags", "persistence", "one_packet", "pe", "drain_timeout", "inhibit_on_failure", "quorum",
            "quorum_hysteresis", "sorry_server", "notify", "health_check", "health_checks", "real");
    static final Set<String> PERSISTENCE_KEYS = Set.of("timeout", "netmask");
    static final List<String> SCHEDULERS = List.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq",
            "fo", "ovf", "mh", "twos");
    static final String DEFAULT_SCHEDULER = "wlc";
    static final int DEFAULT_PERSISTENCE_SECONDS = 360;
    // ipvsadm's limit for -p.
    private static final long MAX_PERSISTENCE_SECONDS = 31L * 24 * 3600;
    private static final long U32_MAX = 0xFFFF_FFFFL;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Duration defaultDrainTimeout;
    private final boolean syncDaemon;
    private final Set<FwmarkKey> markedKeys;
    private final Map<ServiceKey, SourcePos> seenKeys = new HashMap<>();
    private final Map<String, SourcePos> seenNames = new HashMap<>();

    /**
     * @param markedKeys fwmark and family of every [[mark]] rule, which fwmark services need
     */
    ServiceParser(Duration defaultDrainTimeout, boolean syncDaemon, Set<FwmarkKey> markedKeys) {
        this.defaultDrainTimeout = defaultDrainTimeout;
        this.syncDaemon = syncDaemon;
        this.markedKeys = markedKeys;
    }

    /** Empty when the service's identity could not be read (the reason is reported). */
    Optional<VirtualServiceConfig> parse(TableReader service) {
        service.allowOnly(KEYS);
        Optional<ServiceKey> key = key(service);
        key.ifPresent(k -> checkUnique(service, k));
        String name = service.value("name").flatMap(this::name).orElse(null);
        Optional<String> scheduler = service.value("scheduler")
                .map(v -> v.oneOf(Choices.words(SCHEDULERS))).orElse(Optional.of(DEFAULT_SCHEDULER));
        Set<SchedulerFlag> flags = schedulerFlags(service, scheduler);
        Optional<Family> family = key.map(ServiceKey::family);
        Persistence persistence = service.table("persistence").map(p -> persistence(p, family)).orElse(null);
        boolean onePacket = service.bool("one_packet").orElse(false);
        Optional<String> pe = service.oneOf("pe", Choices.words(List.of("sip")));
        key.ifPresent(k -> checkNeedsOfKey(service, k, onePacket, pe.isPresent()));
        int quorum = service.intIn("quorum", 0, Integer.MAX_VALUE).orElse(0);
        int hysteresis = service.intIn("quorum_hysteresis", 0, Integer.MAX_VALUE).orElse(0);
        if (hysteresis > quorum) {
            service.value("quorum_hysteresis").orElseThrow().error("must not exceed quorum (" + quorum + ")");
        }
        List<String> notify = service.value("notify").flatMap(Value::nonEmptyStrings).orElse(List.of());

        Optional<TableReader> healthCheck = service.table("health_check");
        healthCheck.ifPresent(HealthCheckParser::validate);
        List<TableReader> healthChecks = RealServerParser.healthChecks(service);
        HealthCheckParser.validate(healthChecks);
        Optional<Integer> port = key.map(k -> k instanceof AddressKey a ? a.port() : 0);
        RealServerParser servers = new RealServerParser(new ServiceContext(family, port, healthCheck, healthChecks,
                syncDaemon));
        List<RealServerConfig> reals = reals(service, servers);
        SorryServerConfig sorryServer = service.table("sorry_server").flatMap(servers::parseSorryServer).orElse(null);

        Duration drainTimeout = service.duration("drain_timeout").orElse(defaultDrainTimeout);
        boolean inhibitOnFailure = service.bool("inhibit_on_failure").orElse(false);
        return key.map(k -> new VirtualServiceConfig(name, k, scheduler.orElse(DEFAULT_SCHEDULER), flags, persistence,
                onePacket, pe.orElse(null), drainTimeout, inhibitOnFailure, quorum, hysteresis, sorryServer, notify,
                reals, service.pos()));
    }

    /** The [[service.real]] tables; the kernel identifies a real server by address and port. */
    private static List<RealServerConfig> reals(TableReader service, RealServerParser servers) {
        List<RealServerConfig> reals = new ArrayList<>();
        Map<String, SourcePos> seen = new HashMap<>();
        for (TableReader table : service.tables("real")) {
            servers.parse(table).ifPresent(real -> {
                String endpoint = Endpoints.format(real.address(), real.port());
                SourcePos first = seen.putIfAbsent(endpoint, real.pos());
                if (first != null) {
                    table.error("duplicate real server " + endpoint + " (first defined at " + table.lineOf(first) + ")");
                }
                reals.add(real);
            });
        }
        return reals;
    }

    private Optional<ServiceKey> key(TableReader service) {
        if (service.has("fwmark")) {
            for (String addressKey : List.of("protocol", "address", "port")) {
                if (service.has(addressKey)) {
                    service.keyError(addressKey, "not valid with fwmark (a fwmark service matches packets by mark)");
                }
            }
            Optional<Long> fwmark = service.longIn("fwmark", 1, U32_MAX);
            Optional<Family> family = service.value("family").map(v -> v.oneOf(Family.class))
                    .orElse(Optional.of(Family.IPV4));
            Optional<FwmarkKey> key = fwmark.flatMap(mark -> family.map(f -> new FwmarkKey(f, mark)));
            key.filter(k -> !markedKeys.contains(k)).ifPresent(k -> service.value("fwmark").orElseThrow()
                    .error("no [[mark]] rule sets fwmark " + k.fwmark() + " on " + k.family() + " addresses"));
            return key.map(ServiceKey.class::cast);
        }
        if (service.has("family")) {
            service.keyError("family", "only valid with fwmark (an address service has its address's family)");
        }
        if (!service.has("protocol") && !service.has("address") && !service.has("port")) {
            service.error("needs protocol, address and port, or fwmark");
            return Optional.empty();
        }
        Optional<Protocol> protocol = service.required("protocol").flatMap(v -> v.oneOf(Protocol.class));
        Optional<InetAddress> address = service.required("address").flatMap(Value::hostAddress);
        Optional<Integer> port = service.required("port").flatMap(v -> v.intIn(0, 65535));
        if (protocol.isEmpty() || address.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AddressKey(protocol.get(), address.get(), port.get()));
    }

    private void checkUnique(TableReader service, ServiceKey key) {
        SourcePos first = seenKeys.putIfAbsent(key, service.pos());
        if (first != null) {
            service.error("duplicate service " + key + " (first defined at " + service.lineOf(first) + ")");
        }
    }

    private Optional<String> name(Value value) {
        return value.string().filter(name -> {
            if (!NAME.matcher(name).matches()) {
                value.error("must be letters, digits, '.', '_' or '-' (starting with a letter or digit), got \""
                        + name + "\"");
                return false;
            }
            SourcePos first = seenNames.putIfAbsent(name, value.pos());
            if (first != null) {
                value.error("duplicate service name \"" + name + "\" (first used at " + value.lineOf(first) + ")");
            }
            return true;
        });
    }

    private static Set<SchedulerFlag> schedulerFlags(TableReader service, Optional<String> scheduler) {
        Set<SchedulerFlag> flags = EnumSet.noneOf(SchedulerFlag.class);
        service.value("scheduler_flags").flatMap(Value::list).ifPresent(elements -> {
            for (Value element : elements) {
                element.oneOf(SchedulerFlag.class).ifPresent(flag -> {
                    flags.add(flag);
                    scheduler.filter(s -> !s.equals(flag.scheduler())).ifPresent(s -> element.error("\""
                            + Value.configName(flag) + "\" is only valid with scheduler = \"" + flag.scheduler()
                            + "\""));
                });
            }
        });
        return flags;
    }

    /** Without a family (the address was invalid) the netmask is not checked. */
    private static Persistence persistence(TableReader persistence, Optional<Family> family) {
        persistence.allowOnly(PERSISTENCE_KEYS);
        int timeout = persistence.value("timeout").flatMap(v -> v.wholeSeconds(MAX_PERSISTENCE_SECONDS))
                .map(d -> (int) d.toSeconds()).orElse(DEFAULT_PERSISTENCE_SECONDS);
        long netmask = family.flatMap(known -> persistence.value("netmask").flatMap(v -> netmask(v, known)))
                .orElse(family.orElse(Family.IPV4) == Family.IPV4 ? U32_MAX : 128L);
        return new Persistence(timeout, netmask);
    }

    /** IPv4: a contiguous dotted mask or a prefix length, as a 32-bit mask. IPv6: a prefix length. */
    private static Optional<Long> netmask(Value value, Family family) {
        if (family == Family.IPV6) {
            if (value.raw() instanceof String) {
                value.error("an IPv6 service takes a prefix length 1..128, not a dotted mask");
                return Optional.empty();
            }
            return value.longIn(1, 128);
        }
        if (value.raw() instanceof Long) {
            return value.longIn(1, 32).map(prefix -> (U32_MAX << (32 - prefix)) & U32_MAX);
        }
        return value.string().flatMap(text -> {
            Optional<Long> mask = Addresses.parse(text).filter(a -> Addresses.familyOf(a) == Family.IPV4)
                    .map(ServiceParser::asUnsigned).filter(ServiceParser::isContiguousMask);
            if (mask.isEmpty()) {
                value.error("not a netmask: \"" + text + "\" (expected e.g. \"255.255.255.0\" or a prefix length 1..32)");
            }
            return mask;
        });
    }

    private static long asUnsigned(InetAddress ipv4) {
        long value = 0;
        for (byte b : ipv4.getAddress()) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }

    /** Ones followed by zeros only: 255.255.255.0 yes, 255.0.255.0 no; never all zeros. */
    private static boolean isContiguousMask(long mask) {
        long hostBits = ~mask & U32_MAX;
        return mask != 0 && (hostBits & (hostBits + 1)) == 0;
    }

    /** Requirements that depend on how the service is identified. */
    private static void checkNeedsOfKey(TableReader service, ServiceKey key, boolean onePacket, boolean hasPe) {
        Optional<Protocol> protocol = key instanceof AddressKey a ? Optional.of(a.protocol()) : Optional.empty();
        boolean notUdp = protocol.filter(p -> p != Protocol.UDP).isPresent();
        if (key instanceof AddressKey a && a.port() == 0 && !service.has("persistence")) {
            service.value("port").orElseThrow().error("0 (all ports) needs persistence");
        }
        if (onePacket && notUdp) {
            service.value("one_packet").orElseThrow().error("only valid for UDP services");
        }
        if (hasPe) {
            Value pe = service.value("pe").orElseThrow();
            if (!service.has("persistence")) {
                pe.error("needs persistence");
            }
            if (notUdp) {
                pe.error("\"sip\" only works for UDP services");
            }
        }
    }
}
