package io.ipvsd.nft.expr;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;

/** Counts the packets and bytes that reach it (nft_counter). */
public record Counter(long packets, long bytes) implements Expr {
    public static final Counter ZERO = new Counter(0, 0);

    static final int NFTA_COUNTER_BYTES = 1;
    static final int NFTA_COUNTER_PACKETS = 2;
    static final int NFTA_COUNTER_PAD = 3;

    @Override
    public String name() {
        return "counter";
    }

    /** A new counter is sent empty, as nft does; values are written only to preset them. */
    @Override
    public void writeData(AttrWriter w) {
        if (packets != 0 || bytes != 0) {
            w.be64(NFTA_COUNTER_BYTES, bytes).be64(NFTA_COUNTER_PACKETS, packets);
        }
    }

    static Counter decode(AttrReader r) {
        long packets = 0;
        long bytes = 0;
        while (r.next()) {
            switch (r.type()) {
                case NFTA_COUNTER_BYTES -> bytes = r.be64();
                case NFTA_COUNTER_PACKETS -> packets = r.be64();
                case NFTA_COUNTER_PAD -> { }
                default -> {
                    return null;
                }
            }
        }
        return new Counter(packets, bytes);
    }
}
