package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.UnreadService;
import java.util.List;
import java.util.Map;

/**
 * One reading of the kernel.
 *
 * @param sysctls  current values of the sysctls the desired state names (absent when unreadable)
 * @param timeouts    current IPVS timeouts, or null when not read
 * @param syncDaemons the running sync daemons (read only when the desired state names one)
 * @param unread      services in the kernel that could not be read fully (see {@link UnreadService}):
 *                    not in {@code services}, never edited, deleted by key only when ipvsd owns them
 */
public record ObservedState(Map<ServiceKey, ObservedService> services, Map<String, String> sysctls, Timeouts timeouts,
                            List<SyncDaemon> syncDaemons, List<UnreadService> unread) {
    public ObservedState {
        services = Map.copyOf(services);
        sysctls = Map.copyOf(sysctls);
        syncDaemons = List.copyOf(syncDaemons);
        unread = List.copyOf(unread);
    }

    public ObservedState(Map<ServiceKey, ObservedService> services, Map<String, String> sysctls, Timeouts timeouts,
                         List<SyncDaemon> syncDaemons) {
        this(services, sysctls, timeouts, syncDaemons, List.of());
    }
}
