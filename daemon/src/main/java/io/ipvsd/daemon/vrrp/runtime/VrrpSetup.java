package io.ipvsd.daemon.vrrp.runtime;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.VrrpNotify;
import io.ipvsd.daemon.config.VrrpSyncGroupConfig;
import java.util.List;

/** The VRRP part of a configuration, without source positions. */
public record VrrpSetup(List<InstanceSettings> instances, List<Group> groups, List<ManagedAddress> staticAddresses) {
    /** A sync group: its members move together. */
    record Group(String name, List<String> members, VrrpNotify notifyCommands) {
    }

    public VrrpSetup {
        instances = List.copyOf(instances);
        groups = List.copyOf(groups);
        staticAddresses = List.copyOf(staticAddresses);
    }

    public static VrrpSetup of(Config config) {
        return new VrrpSetup(config.vrrpInstances().stream().map(InstanceSettings::of).toList(),
                config.vrrpSyncGroups().stream().map(VrrpSetup::group).toList(),
                config.staticAddresses().stream().map(a -> InstanceSettings.managed(a, null)).toList());
    }

    private static Group group(VrrpSyncGroupConfig g) {
        return new Group(g.name(), List.copyOf(g.instances()), g.notifyCommands());
    }

    public boolean isEmpty() {
        return instances.isEmpty() && staticAddresses.isEmpty();
    }
}
