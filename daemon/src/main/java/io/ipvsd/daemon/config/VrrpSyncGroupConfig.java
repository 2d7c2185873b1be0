package io.ipvsd.daemon.config;

import java.util.List;

/**
 * A [[vrrp_sync_group]]: instances that change state together (one going to FAULT or BACKUP
 * takes the others with it).
 *
 * @param instances names of two or more [[vrrp_instance]]s, each in no other group
 */
public record VrrpSyncGroupConfig(String name, List<String> instances, VrrpNotify notifyCommands, SourcePos pos) {
    public VrrpSyncGroupConfig {
        instances = List.copyOf(instances);
    }
}
