package io.ipvsd.nft.expr;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;

/**
 * dreg = (sreg &amp; mask) ^ xor over {@code length} bytes (nft_bitwise, boolean form): how a
 * prefix that does not end on a byte boundary is matched.
 */
public record Bitwise(int sreg, int dreg, int length, Bytes mask, Bytes xor) implements Expr {
    static final int NFTA_BITWISE_SREG = 1;
    static final int NFTA_BITWISE_DREG = 2;
    static final int NFTA_BITWISE_LEN = 3;
    static final int NFTA_BITWISE_MASK = 4;
    static final int NFTA_BITWISE_XOR = 5;
    static final int NFTA_BITWISE_OP = 6;
    /** NFT_BITWISE_MASK_XOR (formerly NFT_BITWISE_BOOL), the default when no op is sent. */
    private static final long MASK_XOR = 0;

    /** Keeps the bits set in {@code mask}, in place in REG_1. */
    public static Bitwise mask(Bytes mask) {
        return new Bitwise(REG_1, REG_1, mask.length(), mask, Bytes.of(new byte[mask.length()]));
    }

    @Override
    public String name() {
        return "bitwise";
    }

    @Override
    public void writeData(AttrWriter w) {
        w.be32(NFTA_BITWISE_SREG, sreg).be32(NFTA_BITWISE_DREG, dreg).be32(NFTA_BITWISE_LEN, length);
        Data.writeValue(w, NFTA_BITWISE_MASK, mask);
        Data.writeValue(w, NFTA_BITWISE_XOR, xor);
    }

    /** Null for the shift forms, which carry NFTA_BITWISE_DATA instead of mask and xor. */
    static Bitwise decode(AttrReader r) {
        int sreg = 0;
        int dreg = 0;
        int length = 0;
        Bytes mask = null;
        Bytes xor = null;
        while (r.next()) {
            switch (r.type()) {
                case NFTA_BITWISE_SREG -> sreg = (int) r.be32();
                case NFTA_BITWISE_DREG -> dreg = (int) r.be32();
                case NFTA_BITWISE_LEN -> length = (int) r.be32();
                case NFTA_BITWISE_MASK -> mask = Data.readValue(r.nested());
                case NFTA_BITWISE_XOR -> xor = Data.readValue(r.nested());
                case NFTA_BITWISE_OP -> {
                    if (r.be32() != MASK_XOR) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return mask == null || xor == null ? null : new Bitwise(sreg, dreg, length, mask, xor);
    }
}
