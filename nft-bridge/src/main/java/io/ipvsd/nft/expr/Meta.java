package io.ipvsd.nft.expr;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;

/**
 * Loads packet metadata into a register, or with {@code set} writes a register into it
 * (nft_meta).
 */
public record Meta(int key, int register, boolean set) implements Expr {
    /** enum nft_meta_keys values used by ipvsd. */
    public static final int MARK = 3;
    public static final int IIFNAME = 6;
    public static final int OIFNAME = 7;
    public static final int IIFTYPE = 8;
    public static final int NFPROTO = 15;
    public static final int L4PROTO = 16;

    static final int NFTA_META_DREG = 1;
    static final int NFTA_META_KEY = 2;
    static final int NFTA_META_SREG = 3;

    public static Meta load(int key) {
        return new Meta(key, REG_1, false);
    }

    public static Meta store(int key) {
        return new Meta(key, REG_1, true);
    }

    @Override
    public String name() {
        return "meta";
    }

    @Override
    public void writeData(AttrWriter w) {
        w.be32(NFTA_META_KEY, key).be32(set ? NFTA_META_SREG : NFTA_META_DREG, register);
    }

    static Meta decode(AttrReader r) {
        int key = -1;
        int register = 0;
        Boolean set = null;
        while (r.next()) {
            switch (r.type()) {
                case NFTA_META_KEY -> key = (int) r.be32();
                case NFTA_META_DREG -> {
                    register = (int) r.be32();
                    set = false;
                }
                case NFTA_META_SREG -> {
                    register = (int) r.be32();
                    set = true;
                }
                default -> {
                    return null;
                }
            }
        }
        return key < 0 || set == null ? null : new Meta(key, register, set);
    }
}
