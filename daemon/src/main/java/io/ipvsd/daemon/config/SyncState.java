package io.ipvsd.daemon.config;

/** Role of the IPVS connection synchronisation daemon. */
public enum SyncState {
    MASTER, BACKUP
}
