package io.ipvsd.daemon.config;

import java.net.InetAddress;
import java.util.Set;

/** The [metrics] table. */
final class MetricsSectionParser {
    static final Set<String> KEYS = Set.of("enabled", "address", "port", "max_real_servers");

    private MetricsSectionParser() {
    }

    static MetricsSettings parse(TableReader metrics) {
        metrics.allowOnly(KEYS);
        boolean enabled = metrics.bool("enabled").orElse(false);
        // The unspecified address (0.0.0.0 or ::) is allowed on purpose: listening on every address is
        // the operator's choice to make; multicast is not an address to listen on.
        InetAddress address = metrics.value("address").flatMap(v -> v.address().filter(a -> {
            if (a.isMulticastAddress()) {
                v.error("cannot listen on a multicast address");
                return false;
            }
            return true;
        })).orElse(MetricsSettings.OFF.address());
        int port = metrics.intIn("port", 1, 65535).orElse(MetricsSettings.DEFAULT_PORT);
        int maxRealServers = metrics.intIn("max_real_servers", 0, Integer.MAX_VALUE)
                .orElse(MetricsSettings.DEFAULT_MAX_REAL_SERVERS);
        if (!enabled) {
            KEYS.stream().filter(k -> !k.equals("enabled") && metrics.has(k)).sorted().findFirst()
                    .flatMap(metrics::value)
                    .ifPresent(v -> v.warn("ignored: metrics are off (set enabled = true to listen)"));
        }
        return new MetricsSettings(enabled, address, port, maxRealServers);
    }
}
