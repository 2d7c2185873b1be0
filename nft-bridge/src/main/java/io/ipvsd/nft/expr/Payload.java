package io.ipvsd.nft.expr;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;

/**
 * Loads {@code length} bytes at {@code offset} of a packet header into a register
 * (nft_payload, load form only).
 */
public record Payload(int base, int offset, int length, int dreg) implements Expr {
    public static final int LINK_HEADER = 0;
    public static final int NETWORK_HEADER = 1;
    public static final int TRANSPORT_HEADER = 2;

    static final int NFTA_PAYLOAD_DREG = 1;
    static final int NFTA_PAYLOAD_BASE = 2;
    static final int NFTA_PAYLOAD_OFFSET = 3;
    static final int NFTA_PAYLOAD_LEN = 4;

    public static Payload load(int base, int offset, int length) {
        return new Payload(base, offset, length, REG_1);
    }

    @Override
    public String name() {
        return "payload";
    }

    @Override
    public void writeData(AttrWriter w) {
        w.be32(NFTA_PAYLOAD_DREG, dreg).be32(NFTA_PAYLOAD_BASE, base)
                .be32(NFTA_PAYLOAD_OFFSET, offset).be32(NFTA_PAYLOAD_LEN, length);
    }

    /** Null for the write form (payload set with checksum update), which ipvsd never makes. */
    static Payload decode(AttrReader r) {
        int dreg = -1;
        int base = 0;
        int offset = 0;
        int length = 0;
        while (r.next()) {
            switch (r.type()) {
                case NFTA_PAYLOAD_DREG -> dreg = (int) r.be32();
                case NFTA_PAYLOAD_BASE -> base = (int) r.be32();
                case NFTA_PAYLOAD_OFFSET -> offset = (int) r.be32();
                case NFTA_PAYLOAD_LEN -> length = (int) r.be32();
                default -> {
                    return null;
                }
            }
        }
        return dreg < 0 ? null : new Payload(base, offset, length, dreg);
    }
}
