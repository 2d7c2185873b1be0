package io.ipvsd.nft.expr;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;

/**
 * Loads a conntrack property of the packet's connection into a register (nft_ct, load form).
 *
 * @param direction IP_CT_DIR_ORIGINAL (0) or IP_CT_DIR_REPLY (1); {@link #NO_DIRECTION} for
 *                  keys that take none
 */
public record Ct(int key, int dreg, int direction) implements Expr {
    /** enum nft_ct_keys: the typed address keys (kernel &gt;= 4.17). */
    public static final int DST_IP = 20;
    public static final int DST_IP6 = 22;
    public static final int ORIGINAL = 0;
    public static final int NO_DIRECTION = -1;

    static final int NFTA_CT_DREG = 1;
    static final int NFTA_CT_KEY = 2;
    static final int NFTA_CT_DIRECTION = 3;

    public static Ct original(int key) {
        return new Ct(key, REG_1, ORIGINAL);
    }

    @Override
    public String name() {
        return "ct";
    }

    @Override
    public void writeData(AttrWriter w) {
        w.be32(NFTA_CT_KEY, key).be32(NFTA_CT_DREG, dreg);
        if (direction != NO_DIRECTION) {
            w.u8(NFTA_CT_DIRECTION, direction);
        }
    }

    /** Null for the store form (ct set ... with NFTA_CT_SREG). */
    static Ct decode(AttrReader r) {
        int key = -1;
        int dreg = -1;
        int direction = NO_DIRECTION;
        while (r.next()) {
            switch (r.type()) {
                case NFTA_CT_KEY -> key = (int) r.be32();
                case NFTA_CT_DREG -> dreg = (int) r.be32();
                case NFTA_CT_DIRECTION -> direction = r.u8();
                default -> {
                    return null;
                }
            }
        }
        return key < 0 || dreg < 0 ? null : new Ct(key, dreg, direction);
    }
}
