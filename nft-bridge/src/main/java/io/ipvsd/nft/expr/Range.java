package io.ipvsd.nft.expr;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;

/**
 * Tests whether a register lies in [from, to] (nft_range). nft writes it for negated ranges such
 * as {@code tcp dport != 1000-2000}; a positive range it writes as two cmps.
 */
public record Range(int sreg, boolean negated, Bytes from, Bytes to) implements Expr {
    static final int NFTA_RANGE_SREG = 1;
    static final int NFTA_RANGE_OP = 2;
    static final int NFTA_RANGE_FROM_DATA = 3;
    static final int NFTA_RANGE_TO_DATA = 4;
    /** enum nft_range_ops: NFT_RANGE_EQ = 0, NFT_RANGE_NEQ = 1. */
    private static final int NFT_RANGE_NEQ = 1;

    @Override
    public String name() {
        return "range";
    }

    @Override
    public void writeData(AttrWriter w) {
        w.be32(NFTA_RANGE_SREG, sreg).be32(NFTA_RANGE_OP, negated ? NFT_RANGE_NEQ : 0);
        Data.writeValue(w, NFTA_RANGE_FROM_DATA, from);
        Data.writeValue(w, NFTA_RANGE_TO_DATA, to);
    }

    static Range decode(AttrReader r) {
        int sreg = 0;
        long op = 0;
        Bytes from = null;
        Bytes to = null;
        while (r.next()) {
            switch (r.type()) {
                case NFTA_RANGE_SREG -> sreg = (int) r.be32();
                case NFTA_RANGE_OP -> op = r.be32();
                case NFTA_RANGE_FROM_DATA -> from = Data.readValue(r.nested());
                case NFTA_RANGE_TO_DATA -> to = Data.readValue(r.nested());
                default -> {
                    return null;
                }
            }
        }
        return from == null || to == null || op > NFT_RANGE_NEQ ? null : new Range(sreg, op == NFT_RANGE_NEQ, from, to);
    }
}
