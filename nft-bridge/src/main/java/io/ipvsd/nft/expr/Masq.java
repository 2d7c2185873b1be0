package io.ipvsd.nft.expr;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;

/** Source NAT to the outgoing interface's address (nft_masq). */
public record Masq(int flags) implements Expr {
    static final int NFTA_MASQ_FLAGS = 1;

    @Override
    public String name() {
        return "masq";
    }

    @Override
    public void writeData(AttrWriter w) {
        if (flags != 0) {
            w.be32(NFTA_MASQ_FLAGS, flags);
        }
    }

    /** Null for port-range forms (NFTA_MASQ_REG_PROTO_*), which ipvsd never makes. */
    static Masq decode(AttrReader r) {
        int flags = 0;
        while (r.next()) {
            if (r.type() != NFTA_MASQ_FLAGS) {
                return null;
            }
            flags = (int) r.be32();
        }
        return new Masq(flags);
    }
}
