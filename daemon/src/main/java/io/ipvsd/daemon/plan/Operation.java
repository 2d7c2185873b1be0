package io.ipvsd.daemon.plan;

/**
 * One change a plan makes. {@link #render()} is the line `ipvsctl plan` prints: "+" adds, "~"
 * changes in place, "-" removes.
 */
public sealed interface Operation permits IpvsChange, SetSysctl, SetTimeouts, StartSyncDaemon, StopSyncDaemon,
        SyncFirewall {
    String render();
}
