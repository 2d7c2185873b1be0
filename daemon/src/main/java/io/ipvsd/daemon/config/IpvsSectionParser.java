package io.ipvsd.daemon.config;

import io.ipvsd.ipvs.Endpoints;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The [ipvs.timeouts] and [ipvs.sync_daemon] tables. */
final class IpvsSectionParser {
    static final Set<String> KEYS = Set.of("timeouts", "sync_daemon");
    static final Set<String> TIMEOUT_KEYS = Set.of("tcp", "tcp_fin", "udp");
    static final Set<String> SYNC_DAEMON_KEYS = Set.of("state", "interface", "syncid", "sync_maxlen", "mcast_group",
            "mcast_port", "mcast_ttl", "vrrp_instance");
    // The kernel stores timeouts as seconds * HZ in an int and refuses more than INT_MAX / HZ;
    // this is that limit at HZ = 1000, the largest HZ in use.
    private static final long MAX_TIMEOUT_SECONDS = Integer.MAX_VALUE / 1000;

    private IpvsSectionParser() {
    }

    static IpvsTimeouts timeouts(TableReader timeouts) {
        timeouts.allowOnly(TIMEOUT_KEYS);
        return new IpvsTimeouts(timeout(timeouts, "tcp"), timeout(timeouts, "tcp_fin"), timeout(timeouts, "udp"));
    }

    private static Duration timeout(TableReader timeouts, String key) {
        return timeouts.value(key).flatMap(v -> v.wholeSeconds(MAX_TIMEOUT_SECONDS)).orElse(null);
    }

    /**
     * @param instanceNames the names written in [[vrrp_instance]] tables (valid or not, so that a
     *                      broken instance is reported once, by itself)
     */
    static Optional<SyncDaemonConfig> syncDaemon(TableReader sync, Set<String> instanceNames) {
        sync.allowOnly(SYNC_DAEMON_KEYS);
        Optional<String> followInstance = sync.value("vrrp_instance").flatMap(v -> instanceName(v, instanceNames));
        Optional<SyncState> state;
        if (sync.has("vrrp_instance")) {
            if (sync.has("state")) {
                sync.keyError("state", "not allowed with vrrp_instance: the instance decides (master while it is "
                        + "MASTER, backup otherwise)");
            }
            state = Optional.empty();
        } else {
            state = sync.required("state").flatMap(v -> v.oneOf(SyncState.class));
        }
        Optional<String> interfaceName = sync.required("interface").flatMap(Value::interfaceName);
        int syncId = sync.intIn("syncid", 0, 255).orElse(0);
        int maxLen = sync.intIn("sync_maxlen", 1, 65535).orElse(0);
        InetAddress group = sync.value("mcast_group").flatMap(IpvsSectionParser::multicastGroup).orElse(null);
        int port = sync.intIn("mcast_port", 1, 65535).orElse(0);
        int ttl = sync.intIn("mcast_ttl", 1, 255).orElse(0);
        if (interfaceName.isEmpty() || state.isEmpty() && followInstance.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SyncDaemonConfig(state.orElse(null), interfaceName.get(), syncId, maxLen, group, port,
                ttl, followInstance.orElse(null)));
    }

    private static Optional<String> instanceName(Value value, Set<String> instanceNames) {
        return value.string().filter(name -> {
            if (!instanceNames.contains(name)) {
                value.error("no [[vrrp_instance]] is named \"" + name + "\""
                        + Suggestions.didYouMean(name, instanceNames));
            }
            return instanceNames.contains(name);
        });
    }

    private static Optional<InetAddress> multicastGroup(Value value) {
        return value.address().filter(address -> {
            if (!address.isMulticastAddress()) {
                value.error(Endpoints.address(address) + " is not a multicast address");
            }
            return address.isMulticastAddress();
        });
    }
}
