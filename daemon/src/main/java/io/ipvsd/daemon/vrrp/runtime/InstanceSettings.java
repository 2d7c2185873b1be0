package io.ipvsd.daemon.vrrp.runtime;

import io.ipvsd.daemon.config.VirtualAddressConfig;
import io.ipvsd.daemon.config.VrrpInstanceConfig;
import io.ipvsd.daemon.config.VrrpNotify;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * An instance's configuration without source positions: two reloads that leave an instance's
 * settings alone compare equal here, so the instance keeps running (and its state) across them.
 */
record InstanceSettings(String name, String interfaceName, int vrid, int priority, Duration advertInterval, int version,
                        boolean initialMaster, boolean nopreempt, Duration preemptDelay, String authPass,
                        InetAddress unicastSource, List<InetAddress> unicastPeers, boolean checkUnicastSource,
                        List<ManagedAddress> vips, List<String> trackInterfaces, List<String> trackServices,
                        VrrpNotify notifyCommands, int garpRepeat, Duration garpDelay, boolean v3ChecksumAsV2) {

    static InstanceSettings of(VrrpInstanceConfig c) {
        List<ManagedAddress> vips = c.virtualAddresses().stream().map(v -> managed(v, c.name())).toList();
        return new InstanceSettings(c.name(), c.interfaceName(), c.virtualRouterId(), c.priority(), c.advertInterval(),
                c.version(), c.initialMaster(), c.nopreempt(), c.preemptDelay(), c.authPass(), c.unicastSource(),
                List.copyOf(c.unicastPeers()), c.checkUnicastSource(), vips, List.copyOf(c.trackInterfaces()),
                List.copyOf(c.trackServices()), c.notifyCommands(), c.garpMasterRepeat(), c.garpMasterDelay(), c.v3ChecksumAsV2());
    }

    static ManagedAddress managed(VirtualAddressConfig v, String owner) {
        return new ManagedAddress(v.address(), v.prefixLength(), v.dev(), v.label(), owner);
    }

    boolean ipv6() {
        return vips.get(0).address() instanceof Inet6Address;
    }

    boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    InetAddress group() {
        return ipv6() ? Addresses.VRRP_GROUP_V6 : Addresses.VRRP_GROUP_V4;
    }
}
