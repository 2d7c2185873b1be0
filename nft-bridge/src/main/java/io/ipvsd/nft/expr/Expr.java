package io.ipvsd.nft.expr;

import io.ipvsd.netlink.AttrWriter;

/**
 * One nf_tables expression of a rule. Each knows its kernel name and writes the body of its
 * NFTA_EXPR_DATA attribute; {@link Exprs} frames the list and decodes dumps back into these
 * records.
 */
public sealed interface Expr permits Bitwise, Cmp, Counter, Ct, Immediate, Lookup, Masq, Meta, Payload, Range, Unknown {

    /**
     * NFT_REG_1, the first of the four legacy 16-byte registers. nft still uses it for every
     * expression ipvsd writes, so using it too keeps our rules byte-equal to nft's.
     */
    int REG_1 = 1;

    /** The kernel's name for the expression type, e.g. "payload". */
    String name();

    /** Writes the attributes that go inside NFTA_EXPR_DATA. */
    void writeData(AttrWriter w);
}
