package io.ipvsd.nft.expr;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;

/** Puts a constant into a data register (nft_immediate, value form). */
public record Immediate(int dreg, Bytes value) implements Expr {
    static final int NFTA_IMMEDIATE_DREG = 1;
    static final int NFTA_IMMEDIATE_DATA = 2;

    public static Immediate of(Bytes value) {
        return new Immediate(REG_1, value);
    }

    @Override
    public String name() {
        return "immediate";
    }

    @Override
    public void writeData(AttrWriter w) {
        w.be32(NFTA_IMMEDIATE_DREG, dreg);
        Data.writeValue(w, NFTA_IMMEDIATE_DATA, value);
    }

    /** Null for verdicts (accept, jump ...), which ipvsd's rules never carry. */
    static Immediate decode(AttrReader r) {
        int dreg = -1;
        Bytes value = null;
        while (r.next()) {
            switch (r.type()) {
                case NFTA_IMMEDIATE_DREG -> dreg = (int) r.be32();
                case NFTA_IMMEDIATE_DATA -> value = Data.readValue(r.nested());
                default -> {
                    return null;
                }
            }
        }
        return dreg < 0 || value == null ? null : new Immediate(dreg, value);
    }
}
