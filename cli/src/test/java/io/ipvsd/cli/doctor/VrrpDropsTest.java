package io.ipvsd.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.cli.doctor.Facts.ForeignRule;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.nft.ListedRule;
import io.ipvsd.nft.NfTables;
import io.ipvsd.nft.Rule;
import io.ipvsd.nft.expr.Bytes;
import io.ipvsd.nft.expr.Cmp;
import io.ipvsd.nft.expr.Counter;
import io.ipvsd.nft.expr.Expr;
import io.ipvsd.nft.expr.Meta;
import io.ipvsd.nft.expr.Payload;
import io.ipvsd.nft.expr.Unknown;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rules of other tables count as dropping VRRP, on rules as nft(8) compiles them. */
class VrrpDropsTest {
    private static final int ACCEPT = 1;
    private static final int DROP = 0;
    private static final Bytes VRRP = Bytes.of((byte) 112);

    /** An immediate verdict as the kernel dumps it: dreg 0, NFTA_DATA_VERDICT { NFTA_VERDICT_CODE }. */
    private static Expr verdict(int code) {
        byte[] data = new AttrWriter().be32(1, 0).nested(2, d -> d.nested(2, v -> v.be32(1, code))).toBytes();
        return new Unknown("immediate", Bytes.of(data));
    }

    private static ListedRule rule(int family, String table, Expr... exprs) {
        return new ListedRule(family, new Rule(table, "input", 4, List.of(exprs), Bytes.EMPTY));
    }

    private static List<String> drops(ListedRule... rules) {
        return VrrpDrops.of(List.of(rules), "ipvsd").stream().map(ForeignRule::where).toList();
    }

    @Test
    void metaL4protoVrrpDrop() {
        assertEquals(List.of("inet filter input handle 4"), drops(rule(NfTables.NFPROTO_INET, "filter",
                Meta.load(Meta.L4PROTO), Cmp.eq(VRRP), new Counter(0, 0), verdict(DROP))));
    }

    @Test
    void ipProtocolAndIp6NexthdrAtTheirOffsets() {
        assertEquals(List.of("ip fw input handle 4", "ip6 fw6 input handle 4"), drops(
                rule(ListedRule.NFPROTO_IPV4, "fw", new Payload(Payload.NETWORK_HEADER, 9, 1, 1), Cmp.eq(VRRP), verdict(DROP)),
                rule(ListedRule.NFPROTO_IPV6, "fw6", new Payload(Payload.NETWORK_HEADER, 6, 1, 1), Cmp.eq(VRRP), verdict(DROP)),
                // offset 6 in an IPv4 header is the flags, not the protocol
                rule(ListedRule.NFPROTO_IPV4, "fw", new Payload(Payload.NETWORK_HEADER, 6, 1, 1), Cmp.eq(VRRP), verdict(DROP))));
    }

    @Test
    void inAnInetTableTheNfprotoMatchSaysWhichHeaderThePayloadIs() {
        Bytes ipv6 = Bytes.of((byte) ListedRule.NFPROTO_IPV6);
        Bytes ipv4 = Bytes.of((byte) ListedRule.NFPROTO_IPV4);
        assertEquals(List.of("inet filter input handle 4", "inet filter input handle 4"), drops(
                rule(NfTables.NFPROTO_INET, "filter", Meta.load(Meta.NFPROTO), Cmp.eq(ipv6),
                        new Payload(Payload.NETWORK_HEADER, 6, 1, 1), Cmp.eq(VRRP), verdict(DROP)),
                rule(NfTables.NFPROTO_INET, "filter", Meta.load(Meta.NFPROTO), Cmp.eq(ipv4),
                        new Payload(Payload.NETWORK_HEADER, 9, 1, 1), Cmp.eq(VRRP), verdict(DROP)),
                rule(NfTables.NFPROTO_INET, "filter", Meta.load(Meta.NFPROTO), Cmp.eq(ipv4),
                        new Payload(Payload.NETWORK_HEADER, 6, 1, 1), Cmp.eq(VRRP), verdict(DROP))));
    }

    @Test
    void rejectCountsAsADrop() {
        assertEquals(1, drops(rule(NfTables.NFPROTO_INET, "filter", Meta.load(Meta.L4PROTO), Cmp.eq(VRRP),
                new Unknown("reject", Bytes.EMPTY))).size());
    }

    @Test
    void acceptsOtherProtocolsAndIpvsdsOwnTableAreNotDrops() {
        assertEquals(List.of(), drops(
                rule(NfTables.NFPROTO_INET, "filter", Meta.load(Meta.L4PROTO), Cmp.eq(VRRP), verdict(ACCEPT)),
                rule(NfTables.NFPROTO_INET, "filter", Meta.load(Meta.L4PROTO), Cmp.eq(Bytes.of((byte) 6)), verdict(DROP)),
                rule(NfTables.NFPROTO_INET, "filter", Meta.load(Meta.MARK), Cmp.eq(VRRP), verdict(DROP)),
                rule(NfTables.NFPROTO_INET, "ipvsd", Meta.load(Meta.L4PROTO), Cmp.eq(VRRP), verdict(DROP))));
    }

    @Test
    void aDropAfterAnAcceptOfVrrpInTheSameChainIsTheUsualAllowList() {
        ListedRule acceptFromPeer = rule(NfTables.NFPROTO_INET, "filter", new Payload(Payload.NETWORK_HEADER, 12, 4, 1),
                Cmp.eq(Bytes.of((byte) 192, (byte) 0, (byte) 2, (byte) 2)), Meta.load(Meta.L4PROTO), Cmp.eq(VRRP), verdict(ACCEPT));
        ListedRule dropTheRest = rule(NfTables.NFPROTO_INET, "filter", Meta.load(Meta.L4PROTO), Cmp.eq(VRRP), verdict(DROP));
        assertEquals(List.of(), drops(acceptFromPeer, dropTheRest));
        assertEquals(1, drops(dropTheRest, acceptFromPeer).size());
    }

    @Test
    void aLaterLoadIntoTheRegisterReplacesTheProtocol() {
        List<Expr> exprs = new ArrayList<>(List.of(Meta.load(Meta.L4PROTO), Meta.load(Meta.MARK), Cmp.eq(VRRP), verdict(DROP)));
        assertEquals(List.of(), drops(rule(NfTables.NFPROTO_INET, "filter", exprs.toArray(Expr[]::new))));
    }
}
