package io.ipvsd.daemon.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * One [[vrrp_instance]]: a virtual router (RFC 3768 / RFC 5798) whose virtual addresses this node
 * holds while it is MASTER.
 *
 * @param advertInterval    whole seconds for version 2, a multiple of 10 ms for version 3
 * @param version           2 or 3
 * @param initialMaster     state = "master" (it still starts in BACKUP, as keepalived does,
 *                          unless it is the address owner, priority 255)
 * @param preemptDelay      zero when not set
 * @param authPass          PASS authentication (version 2), 1..8 bytes, or null for none
 * @param unicastSource     source of the adverts and the address ties are broken on, or null for
 *                          the interface's primary address
 * @param unicastPeers      non-empty = unicast mode, one advert per peer
 * @param checkUnicastSource unicast adverts from an address not in unicastPeers are dropped
 * @param virtualAddresses  non-empty, all of one family (IPv4 for version 2)
 * @param trackServices     names of [[service]]s
 * @param garpMasterDelay   zero = no second burst
 * @param v3ChecksumAsV2    version 3 over IPv4 only: RFC 9568 checksum, without pseudo-header
 * @param pos               the table
 */
public record VrrpInstanceConfig(String name, String interfaceName, int virtualRouterId, int priority,
                                 Duration advertInterval, int version, boolean initialMaster, boolean nopreempt,
                                 Duration preemptDelay, String authPass, InetAddress unicastSource,
                                 List<InetAddress> unicastPeers, boolean checkUnicastSource,
                                 List<VirtualAddressConfig> virtualAddresses, List<String> trackInterfaces,
                                 List<String> trackServices, VrrpNotify notifyCommands, int garpMasterRepeat,
                                 Duration garpMasterDelay, boolean v3ChecksumAsV2, SourcePos pos) {
    public VrrpInstanceConfig {
        unicastPeers = List.copyOf(unicastPeers);
        virtualAddresses = List.copyOf(virtualAddresses);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackServices = List.copyOf(trackServices);
    }

    /** The family of the adverts and of every virtual address. */
    public Family family() {
        return virtualAddresses.get(0).family();
    }
}
