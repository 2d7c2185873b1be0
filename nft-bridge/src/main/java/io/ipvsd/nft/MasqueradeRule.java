package io.ipvsd.nft;

import java.net.InetAddress;
import java.util.List;

/**
 * Masquerades (source-NATs to the outgoing interface's address) in the postrouting chain, so
 * real servers' replies come back through the director.
 *
 * @param name                 unique within the ruleset; tags the rule's comments and counters
 * @param source               only packets from this network, or null for any
 * @param outInterface         only packets leaving through this interface, or null for any
 * @param originalDestinations only connections first addressed to one of these (the virtual
 *                             addresses: what IPVS forwarded); empty: any connection. nf_tables
 *                             has no match on the kernel's "handled by IPVS" packet bit
 *                             (iptables' -m ipvs), so the conntrack original destination stands
 *                             in for it; IPVS keeps it only with net.ipv4.vs.conntrack=1, which
 *                             NAT of IPVS traffic needs anyway.
 */
public record MasqueradeRule(String name, Prefix source, String outInterface, List<InetAddress> originalDestinations) {
    public MasqueradeRule {
        Names.identifier("masquerade rule name", name);
        Names.interfaceOrNull(outInterface);
        originalDestinations = List.copyOf(originalDestinations);
        if (source != null) {
            Class<?> family = source.address().getClass();
            for (InetAddress a : originalDestinations) {
                if (a.getClass() != family) {
                    throw new IllegalArgumentException("masquerade rule " + name + ": source " + source
                            + " and original destination " + a.getHostAddress() + " are of different families");
                }
            }
        }
    }
}
