package io.ipvsd.nft;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.nft.expr.Expr;
import io.ipvsd.nft.expr.Unknown;
import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * A rule of any table, with the family of its table (NFPROTO_*: 1 inet, 2 ip, 3 arp, 5 netdev,
 * 7 bridge, 10 ip6), as a full ruleset dump lists it.
 */
public record ListedRule(int family, Rule rule) {
    public static final int NFPROTO_IPV4 = 2;
    public static final int NFPROTO_IPV6 = 10;

    /** NF_DROP: the verdict code of "drop" (linux/netfilter.h). */
    public static final int VERDICT_DROP = 0;
    /** NF_ACCEPT. */
    public static final int VERDICT_ACCEPT = 1;

    private static final int NFTA_IMMEDIATE_DREG = 1;
    private static final int NFTA_IMMEDIATE_DATA = 2;
    private static final int NFTA_DATA_VERDICT = 2;
    private static final int NFTA_VERDICT_CODE = 1;
    private static final int NFT_REG_VERDICT = 0;

    /** The family as nft(8) writes it before the table name. */
    public String familyName() {
        return switch (family) {
            case NfTables.NFPROTO_INET -> "inet";
            case NFPROTO_IPV4 -> "ip";
            case 3 -> "arp";
            case 5 -> "netdev";
            case 7 -> "bridge";
            case NFPROTO_IPV6 -> "ip6";
            default -> "family" + family;
        };
    }

    /**
     * The verdict code the rule ends with when its last verdict is an immediate one (drop 0,
     * accept 1, jump -3 ...); empty for a rule without one. {@link io.ipvsd.nft.expr.Immediate}
     * reads only values, so verdicts arrive as {@link Unknown} "immediate" expressions.
     */
    public OptionalInt verdict() {
        OptionalInt verdict = OptionalInt.empty();
        for (Expr e : rule.exprs()) {
            if (e instanceof Unknown u && u.name().equals("immediate")) {
                OptionalInt code = verdictCode(u.data().toArray());
                if (code.isPresent()) {
                    verdict = code;
                }
            }
        }
        return verdict;
    }

    private static OptionalInt verdictCode(byte[] data) {
        AttrReader r = AttrReader.of(ByteBuffer.wrap(data));
        long dreg = -1;
        Integer code = null;
        while (r.next()) {
            if (r.type() == NFTA_IMMEDIATE_DREG) {
                dreg = r.be32();
            } else if (r.type() == NFTA_IMMEDIATE_DATA) {
                AttrReader d = r.nested();
                while (d.next()) {
                    if (d.type() == NFTA_DATA_VERDICT) {
                        AttrReader v = d.nested();
                        while (v.next()) {
                            if (v.type() == NFTA_VERDICT_CODE) {
                                code = (int) v.be32();
                            }
                        }
                    }
                }
            }
        }
        return dreg == NFT_REG_VERDICT && code != null ? OptionalInt.of(code) : OptionalInt.empty();
    }
}
