package io.ipvsd.nft;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import io.ipvsd.nft.expr.Bytes;
import io.ipvsd.nft.expr.Counter;
import io.ipvsd.nft.expr.Expr;
import io.ipvsd.nft.expr.Exprs;
import java.util.List;
import java.util.Optional;

/**
 * An nf_tables rule (NFTA_RULE_*).
 *
 * @param handle   the kernel's id of the rule within its table; 0 before it exists
 * @param userdata opaque to the kernel; nft keeps comments in it ({@link UserData})
 */
public record Rule(String table, String chain, long handle, List<Expr> exprs, Bytes userdata) {
    public static final int NFTA_RULE_TABLE = 1;
    public static final int NFTA_RULE_CHAIN = 2;
    public static final int NFTA_RULE_HANDLE = 3;
    public static final int NFTA_RULE_EXPRESSIONS = 4;
    /** In a request: the handle of the rule to insert before (after, with NLM_F_APPEND). */
    public static final int NFTA_RULE_POSITION = 6;
    public static final int NFTA_RULE_USERDATA = 7;

    public Rule {
        exprs = List.copyOf(exprs);
    }

    /** The rule's comment, if its userdata carries one. */
    public Optional<String> comment() {
        return UserData.comment(userdata);
    }

    /** Packets and bytes of the rule's counter expressions (ipvsd's rules have one). */
    public Counter counter() {
        long packets = 0;
        long bytes = 0;
        for (Expr e : exprs) {
            if (e instanceof Counter c) {
                packets += c.packets();
                bytes += c.bytes();
            }
        }
        return new Counter(packets, bytes);
    }

    /** Writes the rule in nft's attribute order; {@code position} 0 means none. */
    public void write(AttrWriter w, long position) {
        w.string(NFTA_RULE_TABLE, table).string(NFTA_RULE_CHAIN, chain);
        if (handle != 0) {
            w.be64(NFTA_RULE_HANDLE, handle);
        }
        w.nested(NFTA_RULE_EXPRESSIONS, list -> Exprs.write(list, exprs));
        if (position != 0) {
            w.be64(NFTA_RULE_POSITION, position);
        }
        if (userdata.length() > 0) {
            w.bytes(NFTA_RULE_USERDATA, userdata.toArray());
        }
    }

    public static Rule decode(NetlinkMessage m) throws NetlinkProtocolException {
        AttrReader r = NfTables.attributes(m);
        String table = null;
        String chain = null;
        long handle = 0;
        List<Expr> exprs = List.of();
        Bytes userdata = Bytes.EMPTY;
        while (r.next()) {
            switch (r.type()) {
                case NFTA_RULE_TABLE -> table = r.string();
                case NFTA_RULE_CHAIN -> chain = r.string();
                case NFTA_RULE_HANDLE -> handle = r.be64();
                case NFTA_RULE_EXPRESSIONS -> exprs = Exprs.read(r.nested());
                case NFTA_RULE_USERDATA -> userdata = Bytes.of(r.bytes());
                default -> { }
            }
        }
        r.check("decode rule");
        if (table == null || chain == null) {
            throw new NetlinkProtocolException("decode rule: no table or chain");
        }
        return new Rule(table, chain, handle, exprs, userdata);
    }
}
