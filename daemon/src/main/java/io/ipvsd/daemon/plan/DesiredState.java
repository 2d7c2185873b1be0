package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.SyncDaemon;
import java.util.Map;

/**
 * Everything ipvsd keeps equal in the kernel.
 *
 * @param sysctls   sysctl name (dotted) to value, written when they differ
 * @param timeouts  IPVS tcp/tcpfin/udp timeouts, or null to leave the kernel's
 * @param syncDaemon the connection-sync daemon to run, or null to leave the kernel's alone; its
 *                   zero or null fields mean "the kernel's default"
 * @param exclusive every IPVS service is ipvsd's: undeclared ones are deleted
 * @param stopOtherSyncDaemon the sync daemon follows a VRRP instance, so one of the other state is
 *                   stopped (keepalived's lvs_sync_daemon); otherwise it is left alone
 */
public record DesiredState(Map<ServiceKey, DesiredService> services, Map<String, String> sysctls,
                           Timeouts timeouts, SyncDaemon syncDaemon, boolean exclusive, boolean stopOtherSyncDaemon) {
    public DesiredState {
        services = Map.copyOf(services);
        sysctls = Map.copyOf(sysctls);
    }

    /** A state whose sync daemon, if any, leaves a daemon of the other state alone. */
    public DesiredState(Map<ServiceKey, DesiredService> services, Map<String, String> sysctls, Timeouts timeouts,
                        SyncDaemon syncDaemon, boolean exclusive) {
        this(services, sysctls, timeouts, syncDaemon, exclusive, false);
    }
}
