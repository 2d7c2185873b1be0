package io.ipvsd.nft.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExprsTest {

    @Test
    void everyModelledExpressionDecodesToItself() throws Exception {
        List<Expr> exprs = List.of(
                Payload.load(Payload.NETWORK_HEADER, 16, 4),
                Cmp.eq(Bytes.fromHex("0a000001")),
                new Cmp(Expr.REG_1, Cmp.Op.GTE, Bytes.be16(8000)),
                new Range(Expr.REG_1, true, Bytes.be16(1000), Bytes.be16(2000)),
                Bitwise.mask(Bytes.fromHex("ffffff80")),
                Meta.load(Meta.L4PROTO),
                Meta.store(Meta.MARK),
                Immediate.of(Bytes.fromHex("01000000")),
                new Lookup("peers", Expr.REG_1, 0, true),
                new Lookup("__set0", Expr.REG_1, 0, false),
                new Counter(12, 3400),
                new Masq(0),
                Ct.original(Ct.DST_IP));
        assertEquals(exprs, roundTrip(exprs));
    }

    @Test
    void anUnmodelledExpressionIsKeptAsUnknownAndWrittenBackUnchanged() throws Exception {
        Unknown log = new Unknown("log", Bytes.fromHex("0800020000000005"));
        List<Expr> decoded = roundTrip(List.of(log));
        assertEquals(List.of(log), decoded);
    }

    @Test
    void aModelledExpressionInAFormIpvsdDoesNotMakeIsUnknown() throws Exception {
        // payload with NFTA_PAYLOAD_SREG: the write form (payload set), not a load.
        AttrWriter data = new AttrWriter().be32(5, 1).be32(2, 1).be32(3, 16).be32(4, 4);
        Expr e = Exprs.decode("payload", data.toBytes());
        assertInstanceOf(Unknown.class, e);
        // An immediate holding a verdict (accept) rather than a value.
        AttrWriter verdict = new AttrWriter().be32(1, 0).nested(2, d -> d.nested(2, v -> v.be32(1, 1)));
        assertInstanceOf(Unknown.class, Exprs.decode("immediate", verdict.toBytes()));
    }

    @Test
    void aTruncatedExpressionIsUnknownNotACrash() {
        assertInstanceOf(Unknown.class, Exprs.decode("cmp", new byte[] {8, 0, 1, 0, 0}));
    }

    @Test
    void aNewCounterIsSentEmptyAsNftSendsIt() {
        AttrWriter w = new AttrWriter();
        Counter.ZERO.writeData(w);
        assertEquals(0, w.toBytes().length);
    }

    private static List<Expr> roundTrip(List<Expr> exprs) throws Exception {
        AttrWriter w = new AttrWriter();
        Exprs.write(w, exprs);
        return Exprs.read(AttrReader.of(ByteBuffer.wrap(w.toBytes())));
    }
}
