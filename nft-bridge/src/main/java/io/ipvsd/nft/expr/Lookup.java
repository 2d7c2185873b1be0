package io.ipvsd.nft.expr;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;

/**
 * Tests whether a register's value is an element of a set (nft_lookup without a map).
 *
 * @param set      set name; "__set%d" for an anonymous set made in the same batch
 * @param setId    the batch-local id of a set made in the same batch, else 0 (the kernel never
 *                 reports it back)
 * @param inverted match when the value is NOT in the set (NFT_LOOKUP_F_INV)
 */
public record Lookup(String set, int sreg, int setId, boolean inverted) implements Expr {
    static final int NFTA_LOOKUP_SET = 1;
    static final int NFTA_LOOKUP_SREG = 2;
    static final int NFTA_LOOKUP_SET_ID = 4;
    static final int NFTA_LOOKUP_FLAGS = 5;
    private static final int NFT_LOOKUP_F_INV = 1;

    public Lookup withSetId(int id) {
        return new Lookup(set, sreg, id, inverted);
    }

    @Override
    public String name() {
        return "lookup";
    }

    @Override
    public void writeData(AttrWriter w) {
        w.be32(NFTA_LOOKUP_SREG, sreg).string(NFTA_LOOKUP_SET, set);
        if (setId != 0) {
            w.be32(NFTA_LOOKUP_SET_ID, setId);
        }
        if (inverted) {
            w.be32(NFTA_LOOKUP_FLAGS, NFT_LOOKUP_F_INV);
        }
    }

    /** Null for map lookups (NFTA_LOOKUP_DREG) and unknown flags. */
    static Lookup decode(AttrReader r) {
        String set = null;
        int sreg = 0;
        int setId = 0;
        long flags = 0;
        while (r.next()) {
            switch (r.type()) {
                case NFTA_LOOKUP_SET -> set = r.string();
                case NFTA_LOOKUP_SREG -> sreg = (int) r.be32();
                case NFTA_LOOKUP_SET_ID -> setId = (int) r.be32();
                case NFTA_LOOKUP_FLAGS -> flags = r.be32();
                default -> {
                    return null;
                }
            }
        }
        return set == null || (flags & ~NFT_LOOKUP_F_INV) != 0 ? null
                : new Lookup(set, sreg, setId, flags == NFT_LOOKUP_F_INV);
    }
}
