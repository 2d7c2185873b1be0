package io.ipvsd.nft.expr;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;

/** Compares a register with a constant; the rule stops when the comparison fails (nft_cmp). */
public record Cmp(int sreg, Op op, Bytes data) implements Expr {

    /** enum nft_cmp_ops, in kernel order. */
    public enum Op { EQ, NEQ, LT, LTE, GT, GTE }

    static final int NFTA_CMP_SREG = 1;
    static final int NFTA_CMP_OP = 2;
    static final int NFTA_CMP_DATA = 3;

    public static Cmp eq(Bytes data) {
        return new Cmp(REG_1, Op.EQ, data);
    }

    @Override
    public String name() {
        return "cmp";
    }

    @Override
    public void writeData(AttrWriter w) {
        w.be32(NFTA_CMP_SREG, sreg).be32(NFTA_CMP_OP, op.ordinal());
        Data.writeValue(w, NFTA_CMP_DATA, data);
    }

    static Cmp decode(AttrReader r) {
        int sreg = 0;
        long op = -1;
        Bytes data = null;
        while (r.next()) {
            switch (r.type()) {
                case NFTA_CMP_SREG -> sreg = (int) r.be32();
                case NFTA_CMP_OP -> op = r.be32();
                case NFTA_CMP_DATA -> data = Data.readValue(r.nested());
                default -> {
                    return null;
                }
            }
        }
        return op < 0 || op >= Op.values().length || data == null ? null : new Cmp(sreg, Op.values()[(int) op], data);
    }
}
