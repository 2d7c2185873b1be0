package io.ipvsd.nft.expr;

import io.ipvsd.netlink.AttrWriter;

/**
 * An expression ipvsd does not model (or a form of one it does not make), kept as its name and
 * raw NFTA_EXPR_DATA bytes so a foreign rule can still be listed, compared and deleted.
 */
public record Unknown(String name, Bytes data) implements Expr {

    /** Writes the original attribute bytes back unchanged. */
    @Override
    public void writeData(AttrWriter w) {
        w.header(data.toArray());
    }
}
