package io.ipvsd.nft.expr;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes the expression list of a rule (the body of NFTA_RULE_EXPRESSIONS). */
public final class Exprs {
    static final int NFTA_LIST_ELEM = 1;
    static final int NFTA_EXPR_NAME = 1;
    static final int NFTA_EXPR_DATA = 2;

    private Exprs() {
    }

    /** Writes one NFTA_LIST_ELEM per expression, each holding its name and data. */
    public static void write(AttrWriter list, List<Expr> exprs) {
        for (Expr e : exprs) {
            list.nested(NFTA_LIST_ELEM, elem -> elem.string(NFTA_EXPR_NAME, e.name()).nested(NFTA_EXPR_DATA, e::writeData));
        }
    }

    /**
     * Reads an expression list. An expression this package does not model, or models in another
     * form, becomes {@link Unknown} rather than failing the whole dump.
     */
    public static List<Expr> read(AttrReader list) throws NetlinkProtocolException {
        List<Expr> out = new ArrayList<>();
        while (list.next()) {
            if (list.type() != NFTA_LIST_ELEM) {
                continue;
            }
            AttrReader elem = list.nested();
            String name = null;
            byte[] data = new byte[0];
            while (elem.next()) {
                switch (elem.type()) {
                    case NFTA_EXPR_NAME -> name = elem.string();
                    case NFTA_EXPR_DATA -> data = elem.bytes();
                    default -> { }
                }
            }
            elem.check("expression");
            if (name == null) {
                throw new NetlinkProtocolException("expression without a name");
            }
            out.add(decode(name, data));
        }
        list.check("expression list");
        return out;
    }

    static Expr decode(String name, byte[] data) {
        AttrReader r = AttrReader.of(ByteBuffer.wrap(data));
        Expr e = switch (name) {
            case "payload" -> Payload.decode(r);
            case "cmp" -> Cmp.decode(r);
            case "range" -> Range.decode(r);
            case "bitwise" -> Bitwise.decode(r);
            case "meta" -> Meta.decode(r);
            case "immediate" -> Immediate.decode(r);
            case "lookup" -> Lookup.decode(r);
            case "counter" -> Counter.decode(r);
            case "masq" -> Masq.decode(r);
            case "ct" -> Ct.decode(r);
            default -> null;
        };
        try {
            r.check(name);
        } catch (NetlinkProtocolException malformed) {
            e = null;
        }
        return e != null ? e : new Unknown(name, Bytes.of(data));
    }
}
