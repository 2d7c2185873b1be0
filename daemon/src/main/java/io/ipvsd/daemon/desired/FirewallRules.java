package io.ipvsd.daemon.desired;

import io.ipvsd.daemon.config.AddressKey;
import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.MarkRuleConfig;
import io.ipvsd.daemon.config.MasqueradeRuleConfig;
import io.ipvsd.daemon.config.VirtualServiceConfig;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.nft.MacAddress;
import io.ipvsd.nft.MarkRule;
import io.ipvsd.nft.MasqueradeRule;
import io.ipvsd.nft.NftRuleset;
import io.ipvsd.nft.Prefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The config's [[mark]] and [[masquerade]] rules as ipvsd's nf_tables ruleset. Rule names are
 * derived from the config (fwmark1, fwmark1_2, masquerade1 ...) so they stay the same across
 * reloads as long as the rules keep their order; nft counters are kept per name.
 */
public final class FirewallRules {
    private FirewallRules() {
    }

    public static NftRuleset from(Config config) {
        List<MarkRule> marks = new ArrayList<>();
        Map<Long, Integer> perMark = new HashMap<>();
        for (MarkRuleConfig m : config.marks()) {
            int n = perMark.merge(m.fwmark(), 1, Integer::sum);
            String name = "fwmark" + m.fwmark() + (n == 1 ? "" : "_" + n);
            Set<Protocol> protocols = new LinkedHashSet<>();
            m.protocols().forEach(p -> protocols.add(Protocol.valueOf(p.name())));
            marks.add(new MarkRule(name, m.fwmark(), m.addresses(), protocols,
                    m.ports(),
                    m.excludeSourceMacs().stream().map(MacAddress::parse).toList(), m.inInterface()));
        }
        List<InetAddress> virtualAddresses = virtualAddresses(config);
        List<MasqueradeRule> masquerades = new ArrayList<>();
        int n = 0;
        for (MasqueradeRuleConfig m : config.masquerades()) {
            Prefix source = m.source() == null ? null : new Prefix(m.source().address(), m.source().prefixLength());
            masquerades.add(new MasqueradeRule("masquerade" + ++n, source, m.outInterface(),
                    m.ipvsOnly() ? virtualAddresses : List.of()));
        }
        return new NftRuleset(NftRuleset.DEFAULT_TABLE, marks, masquerades);
    }

    /**
     * Every address clients reach a virtual service at: the VIPs of address services and the
     * addresses mark rules mark. A connection first addressed to one of them is one IPVS handled.
     */
    static List<InetAddress> virtualAddresses(Config config) {
        Set<InetAddress> out = new LinkedHashSet<>();
        for (VirtualServiceConfig s : config.services()) {
            if (s.key() instanceof AddressKey a) {
                out.add(a.address());
            }
        }
        config.marks().forEach(m -> out.addAll(m.addresses()));
        return List.copyOf(out);
    }
}
