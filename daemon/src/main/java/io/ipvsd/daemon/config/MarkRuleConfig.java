package io.ipvsd.daemon.config;

import io.ipvsd.nft.PortRange;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * An nftables rule (prerouting) that sets a firewall mark for a fwmark service.
 *
 * @param family            family of all addresses
 * @param addresses         destination addresses, never empty
 * @param protocols         empty = any protocol; iteration in declaration order
 * @param ports             destination ports; empty = any port
 * @param excludeSourceMacs lowercase "aa:bb:cc:dd:ee:ff"; frames from these are not marked
 *                          (typically the peer director, so traffic it forwards is not balanced twice)
 * @param inInterface       only packets arriving on this interface, or null for any
 */
public record MarkRuleConfig(long fwmark, Family family, List<InetAddress> addresses, Set<Protocol> protocols,
                             List<PortRange> ports, List<String> excludeSourceMacs, String inInterface,
                             SourcePos pos) {
    public MarkRuleConfig {
        addresses = List.copyOf(addresses);
        protocols = EnumSets.copyOf(Protocol.class, protocols);
        ports = List.copyOf(ports);
        excludeSourceMacs = List.copyOf(excludeSourceMacs);
    }
}
