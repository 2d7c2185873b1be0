package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.SyncDaemon;

public record StartSyncDaemon(SyncDaemon daemon) implements Operation {
    @Override
    public String render() {
        return "+ sync daemon " + Describe.syncDaemon(daemon);
    }
}
