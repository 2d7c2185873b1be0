package io.ipvsd.cli.doctor;

import io.ipvsd.cli.doctor.Facts.ForeignRule;
import io.ipvsd.nft.ListedRule;
import io.ipvsd.nft.NfTables;
import io.ipvsd.nft.expr.Cmp;
import io.ipvsd.nft.expr.Expr;
import io.ipvsd.nft.expr.Meta;
import io.ipvsd.nft.expr.Payload;
import io.ipvsd.nft.expr.Unknown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules of other tables that drop VRRP: a match of IP protocol 112 ({@code meta l4proto 112},
 * {@code ip protocol 112}, {@code ip6 nexthdr 112}) in a rule that ends in drop or reject. Rules
 * matching through a set ({@code ip protocol { 112, 50 }}) and chains whose policy drops what no
 * rule accepted are not recognised.
 */
final class VrrpDrops {
    static final int VRRP = 112;
    /** Offset of the protocol byte in the IPv4 header, of the next-header byte in IPv6's. */
    private static final int IPV4_PROTOCOL_OFFSET = 9;
    private static final int IPV6_NEXT_HEADER_OFFSET = 6;

    private VrrpDrops() {
    }

    /**
     * The dropping rules among {@code rules} (in the kernel's order, as a dump lists them),
     * leaving out ipvsd's own inet table, and drops that follow a rule of the same chain accepting
     * VRRP (the usual "accept it from the peer, drop the rest").
     */
    static List<ForeignRule> of(List<ListedRule> rules, String ownTable) {
        List<ForeignRule> out = new ArrayList<>();
        Set<String> chainsAccepting = new HashSet<>();
        for (ListedRule r : rules) {
            boolean own = r.family() == NfTables.NFPROTO_INET && r.rule().table().equals(ownTable);
            String chain = r.family() + " " + r.rule().table() + " " + r.rule().chain();
            if (matchesVrrp(r) && r.verdict().orElse(-1) == ListedRule.VERDICT_ACCEPT) {
                chainsAccepting.add(chain);
            }
            if (!own && matchesVrrp(r) && drops(r) && !chainsAccepting.contains(chain)) {
                out.add(new ForeignRule(r.familyName() + " " + r.rule().table() + " " + r.rule().chain() + " handle "
                        + r.rule().handle()));
            }
        }
        return out;
    }

    /**
     * A register loaded with the protocol byte, then compared equal to 112. The layer-3 protocol
     * is the table's (ip, ip6) or, in inet and other tables, what a {@code meta nfproto} match
     * before the payload load says: nft puts one before every ip/ip6 payload match there.
     */
    static boolean matchesVrrp(ListedRule r) {
        Map<Integer, Integer> loadedKey = new HashMap<>();
        int layer3 = r.family() == ListedRule.NFPROTO_IPV4 || r.family() == ListedRule.NFPROTO_IPV6 ? r.family() : -1;
        Map<Integer, Boolean> holdsProtocol = new HashMap<>();
        for (Expr e : r.rule().exprs()) {
            if (e instanceof Meta m && !m.set()) {
                holdsProtocol.put(m.register(), m.key() == Meta.L4PROTO);
                loadedKey.put(m.register(), m.key());
            } else if (e instanceof Payload p) {
                holdsProtocol.put(p.dreg(), p.base() == Payload.NETWORK_HEADER && p.length() == 1
                        && (p.offset() == IPV4_PROTOCOL_OFFSET && layer3 == ListedRule.NFPROTO_IPV4
                        || p.offset() == IPV6_NEXT_HEADER_OFFSET && layer3 == ListedRule.NFPROTO_IPV6));
                loadedKey.remove(p.dreg());
            } else if (e instanceof Cmp c && c.op() == Cmp.Op.EQ && c.data().length() == 1) {
                int value = c.data().toArray()[0] & 0xff;
                if (loadedKey.getOrDefault(c.sreg(), -1) == Meta.NFPROTO) {
                    layer3 = value;
                } else if (holdsProtocol.getOrDefault(c.sreg(), false) && value == VRRP) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean drops(ListedRule r) {
        return r.verdict().orElse(-1) == ListedRule.VERDICT_DROP
                || r.rule().exprs().stream().anyMatch(e -> e instanceof Unknown u && u.name().equals("reject"));
    }
}
