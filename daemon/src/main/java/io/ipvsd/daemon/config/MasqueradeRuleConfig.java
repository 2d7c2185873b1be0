package io.ipvsd.daemon.config;

/**
 * An nftables MASQUERADE rule (postrouting), for real servers that must reach the outside through
 * the director.
 *
 * @param source       only packets from this network, or null for any
 * @param outInterface only packets leaving through this interface, or null for any
 * @param ipvsOnly     only connections first addressed to one of the config's virtual addresses
 *                     (conntrack original destination): what IPVS forwarded
 */
public record MasqueradeRuleConfig(Cidr source, String outInterface, boolean ipvsOnly, SourcePos pos) {
}
