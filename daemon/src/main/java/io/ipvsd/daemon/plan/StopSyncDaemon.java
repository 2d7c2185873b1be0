package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.SyncDaemon;

/** Stops the kernel's sync daemon of this state (the kernel runs at most one per state). */
public record StopSyncDaemon(SyncDaemon daemon, String reason) implements Operation {
    @Override
    public String render() {
        return "- sync daemon " + Describe.syncDaemon(daemon) + " (" + reason + ")";
    }
}
