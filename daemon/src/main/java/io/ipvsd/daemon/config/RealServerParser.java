package io.ipvsd.daemon.config;

import io.ipvsd.daemon.health.CheckPolicy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** [[service.real]] tables and the service's sorry_server, which is written the same way. */
final class RealServerParser {
    static final Set<String> REAL_KEYS = Set.of("address", "port", "method", "weight", "upper_threshold",
            "lower_threshold", "tunnel", "health_check", "health_checks");
    static final Set<String> SORRY_SERVER_KEYS = Set.of("address", "port", "method", "tunnel");
    static final Set<String> TUNNEL_KEYS = Set.of("type", "port", "checksum");
    private static final long U32_MAX = 0xFFFF_FFFFL;
    // ipvsadm and keepalived spellings, answered with ours rather than accepted, so there is one
    // way to write each method.
    private static final Map<String, Method> METHOD_ALIASES = Map.of(
            "route", Method.DR, "gate", Method.DR, "direct", Method.DR,
            "masq", Method.NAT, "masquerade", Method.NAT,
            "ipip", Method.TUN, "tunnel", Method.TUN);

    /** Where a real or sorry server is and how packets get there. */
    private record Endpoint(InetAddress address, int port, Method method, TunnelConfig tunnel) {
    }

    private final ServiceContext service;

    RealServerParser(ServiceContext service) {
        this.service = service;
    }

    Optional<RealServerConfig> parse(TableReader real) {
        real.allowOnly(REAL_KEYS);
        Optional<Endpoint> endpoint = endpoint(real);
        int weight = real.intIn("weight", 0, 65535).orElse(1);
        long upper = real.longIn("upper_threshold", 0, U32_MAX).orElse(0L);
        long lower = real.longIn("lower_threshold", 0, U32_MAX).orElse(0L);
        if (upper != 0 && lower > upper) {
            real.value("lower_threshold").orElseThrow().error("must not exceed upper_threshold (" + upper + ")");
        }
        CheckPolicy health = health(real, endpoint.map(Endpoint::port).orElse(-1));
        return endpoint.map(e -> new RealServerConfig(e.address(), e.port(), e.method(), weight, upper, lower,
                e.tunnel(), health, real.pos()));
    }

    Optional<SorryServerConfig> parseSorryServer(TableReader sorry) {
        sorry.allowOnly(SORRY_SERVER_KEYS);
        return endpoint(sorry).map(e -> new SorryServerConfig(e.address(), e.port(), e.method(), e.tunnel(),
                sorry.pos()));
    }

    /**
     * The server's health_checks (or health_check), else the service's health_checks, else the
     * service's health_check merged with the server's own. {@code port} is -1 when unreadable.
     */
    private CheckPolicy health(TableReader real, int port) {
        Optional<TableReader> ownCheck = real.table("health_check");
        List<TableReader> ownChecks = healthChecks(real);
        if (!ownChecks.isEmpty() || !service.healthChecks().isEmpty() && ownCheck.isEmpty()) {
            return HealthCheckParser.resolveAll(ownChecks.isEmpty() ? service.healthChecks() : ownChecks, port);
        }
        Optional<TableReader> base = service.healthChecks().isEmpty() ? service.healthCheck() : Optional.empty();
        CheckPolicy health = HealthCheckParser.resolve(base, ownCheck);
        if (port == 0 && HealthCheckParser.needsPort(health.spec())) {
            ownCheck.or(() -> base).orElseThrow().error("needs connect_port, because the real server's port is 0");
        }
        return health;
    }

    /** The health_checks tables of a service or real server; an error with health_check or when empty. */
    static List<TableReader> healthChecks(TableReader owner) {
        if (!owner.has("health_checks")) {
            return List.of();
        }
        if (owner.has("health_check")) {
            owner.keyError("health_checks", "not together with health_check: write every check in health_checks");
        }
        List<TableReader> checks = owner.tables("health_checks");
        Value value = owner.value("health_checks").orElseThrow();
        if (checks.isEmpty() && value.list().map(List::isEmpty).orElse(false)) {
            value.error("must not be empty");
        }
        return checks;
    }

    private Optional<Endpoint> endpoint(TableReader server) {
        Optional<InetAddress> address = server.required("address").flatMap(Value::hostAddress);
        // An unreadable method is reported once; checks that depend on the method are skipped.
        Optional<Method> method = server.value("method").map(this::method).orElse(Optional.of(Method.DR));
        int port = server.intIn("port", 0, 65535).orElse(service.port().orElse(0));
        method.filter(m -> m != Method.NAT && server.has("port")).ifPresent(m ->
                service.port().filter(servicePort -> servicePort != port).ifPresent(servicePort ->
                        server.value("port").orElseThrow().error("method " + Value.configName(m)
                                + " cannot change the destination port; it must be " + servicePort
                                + (servicePort == 0 ? " (the packet's own port)" : " (the service port)"))));
        address.ifPresent(a -> method.ifPresent(m -> checkFamily(server, a, m)));
        TunnelConfig tunnel = method.map(m -> tunnel(server, m)).orElse(null);
        return address.flatMap(a -> method.map(m -> new Endpoint(a, port, m, tunnel)));
    }

    private Optional<Method> method(Value value) {
        return value.string().flatMap(text -> {
            Method alias = METHOD_ALIASES.get(text);
            if (alias != null) {
                value.error("unknown method \"" + text + "\"; write \"" + Value.configName(alias) + "\"");
                return Optional.empty();
            }
            return value.oneOf(Method.class);
        });
    }

    /** Only tunnelled servers may differ from the service in family, and not with a sync daemon. */
    private void checkFamily(TableReader server, InetAddress address, Method method) {
        Family family = Addresses.familyOf(address);
        service.family().filter(serviceFamily -> serviceFamily != family).ifPresent(serviceFamily -> {
            Value value = server.value("address").orElseThrow();
            if (method != Method.TUN) {
                value.error(family + " address in an " + serviceFamily
                        + " service (only method = \"tun\" may mix families)");
            } else if (service.syncDaemon()) {
                value.error(family + " address in an " + serviceFamily
                        + " service: the kernel refuses mixed families while [ipvs.sync_daemon] runs");
            }
        });
    }

    /** Null unless TUN; a TUN server without a tunnel table gets plain IPIP. */
    private static TunnelConfig tunnel(TableReader server, Method method) {
        if (method != Method.TUN) {
            if (server.has("tunnel")) {
                server.keyError("tunnel", "only valid with method = \"tun\"");
            }
            return null;
        }
        Optional<TableReader> table = server.table("tunnel");
        if (table.isEmpty()) {
            return TunnelConfig.IPIP;
        }
        TableReader tunnel = table.get();
        tunnel.allowOnly(TUNNEL_KEYS);
        Optional<TunnelType> type = tunnel.value("type").map(v -> v.oneOf(TunnelType.class))
                .orElse(Optional.of(TunnelType.IPIP));
        TunnelChecksum checksum = tunnel.oneOf("checksum", TunnelChecksum.class).orElse(TunnelChecksum.NONE);
        int port = 0;
        if (type.isPresent()) {
            port = tunnelPort(tunnel, type.get());
            checkChecksum(tunnel, type.get(), checksum);
        }
        return new TunnelConfig(type.orElse(TunnelType.IPIP), port, checksum);
    }

    private static int tunnelPort(TableReader tunnel, TunnelType type) {
        if (type == TunnelType.GUE) {
            return tunnel.required("port").flatMap(v -> v.intIn(1, 65535)).orElse(0);
        }
        if (tunnel.has("port")) {
            tunnel.keyError("port", "only valid with type = \"gue\"");
        }
        return 0;
    }

    private static void checkChecksum(TableReader tunnel, TunnelType type, TunnelChecksum checksum) {
        if (type == TunnelType.IPIP && checksum != TunnelChecksum.NONE) {
            tunnel.value("checksum").orElseThrow().error("ipip tunnels have no checksum option");
        } else if (type == TunnelType.GRE && checksum == TunnelChecksum.REMCSUM) {
            tunnel.value("checksum").orElseThrow().error("remcsum is only available with type = \"gue\"");
        }
    }
}
