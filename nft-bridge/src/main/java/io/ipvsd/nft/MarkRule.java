package io.ipvsd.nft;

import io.ipvsd.ipvs.Protocol;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Sets the firewall mark of packets to a fwmark service's addresses and ports, in the prerouting
 * chain at mangle priority, so IPVS sees the mark when it looks the packet up.
 *
 * @param name              unique within the ruleset; tags the rule's comments and counters
 * @param mark              1..0xffffffff
 * @param addresses         destinations (IPv4, IPv6 or both); never empty
 * @param protocols         empty: any protocol
 * @param ports             destination ports; empty: any port (ports need protocols)
 * @param excludeSourceMacs frames whose source MAC is listed are not marked, e.g. the peer
 *                          director's in active-active DR; kept in a named set
 *                          {@code <name>_excl} so a change does not replace the rule
 * @param inInterface       only packets arriving on this interface, or null for any
 */
public record MarkRule(String name, long mark, List<InetAddress> addresses, Set<Protocol> protocols,
                       List<PortRange> ports, List<MacAddress> excludeSourceMacs, String inInterface) {
    public MarkRule {
        Names.identifier("mark rule name", name);
        if (mark < 1 || mark > 0xffffffffL) {
            throw new IllegalArgumentException("mark rule " + name + ": mark " + mark + " out of 1..0xffffffff");
        }
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("mark rule " + name + ": no addresses");
        }
        protocols = protocols.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(protocols));
        ports = List.copyOf(ports);
        if (!ports.isEmpty() && protocols.isEmpty()) {
            throw new IllegalArgumentException("mark rule " + name + ": ports need a protocol");
        }
        excludeSourceMacs = List.copyOf(excludeSourceMacs);
        Names.interfaceOrNull(inInterface);
    }

    /** The named set holding {@link #excludeSourceMacs}. */
    public String excludeSetName() {
        return name + "_excl";
    }
}
