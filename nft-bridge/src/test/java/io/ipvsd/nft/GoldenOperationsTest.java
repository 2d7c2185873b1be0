package io.ipvsd.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.nft.expr.Bytes;
import io.ipvsd.nft.testkit.GoldenBytes;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The messages of the operations that change an existing table (delete a rule by handle, delete
 * set elements, insert a rule before another, delete a chain or set), byte for byte against
 * nft 1.0.6's. Expected bytes: the table of {@link GoldenBytesTest} made with nft, then under
 * strace:
 * <pre>
 * delete rule inet ipvsd prerouting handle 8
 * delete element inet ipvsd web_excl { 02:00:00:00:00:02 }
 * insert rule inet ipvsd prerouting position 7 ip daddr 10.9.9.9 counter meta mark set 0x9 comment "ipvsd x/ip 000000000000"
 * delete chain inet ipvsd postrouting
 * delete rule inet ipvsd prerouting handle 4
 * delete set inet ipvsd web_excl
 * </pre>
 * Sequence numbers are masked; the batch framing is covered by {@link GoldenBytesTest}.
 */
class GoldenOperationsTest {
    private static final String NFT = """
            # DELRULE
            3c000000080a01000100000000000000010000000a00010069707673640000000f000200707265726f7574696e670000
            0c0003000000000000000008
            # DELSETELEM
            480000000e0a01000200000000000000010000000a00010069707673640000000d0002007765625f6578636c00000000
            1800038014000180100001800a0001000200000000020000
            # NEWRULE (insert)
            74010000060a01040300000000000000010000000a00010069707673640000000f000200707265726f7574696e670000
            1801048024000180090001006d6574610000000014000280080002000000000f08000100000000012c00018008000100
            636d700020000280080001000000000108000200000000000c0003800500010002000000340001800c0001007061796c
            6f6164002400028008000100000000010800020000000001080003000000001008000400000000042c00018008000100
            636d700020000280080001000000000108000200000000000c000380080001000a090909140001800c000100636f756e
            74657200040002802c0001800e000100696d6d6564696174650000001800028008000100000000010c00028008000100
            0900000024000180090001006d6574610000000014000280080002000000000308000300000000010c00060000000000
            000000071e0007000018697076736420782f697020303030303030303030303030000000
            # DELCHAIN
            30000000050a01000400000000000000010000000a000100697076736400000010000300706f7374726f7574696e6700
            # DELRULE
            3c000000080a01000500000000000000010000000a00010069707673640000000f000200707265726f7574696e670000
            0c0003000000000000000004
            # DELSET
            300000000b0a01000600000000000000010000000a00010069707673640000000d0002007765625f6578636c00000000
            """;

    @Test
    void changesToAnExistingTableAreEncodedAsNftEncodesThem() throws Exception {
        Rule inserted = new Rule("ipvsd", "prerouting", 0, RuleCompiler.compile(new NftRuleset("ipvsd",
                List.of(new MarkRule("x", 9, List.of(GoldenRulesets.ip("10.9.9.9")), Set.of(), List.of(), List.of(), null)),
                List.of())).rules().get(0).exprs(), UserData.comment("ipvsd x/ip 000000000000"));
        List<Operation> ops = List.of(
                new Operation.DeleteRule(rule(8), "stale"),
                new Operation.DeleteElements(new SetElements("ipvsd", "web_excl", 0,
                        List.of(SetElement.of(MacAddress.parse("02:00:00:00:00:02").bytes())))),
                new Operation.AddRule(inserted, 7),
                new Operation.DeleteChain(new Chain("ipvsd", "postrouting", 9, null), "not wanted"),
                new Operation.DeleteRule(rule(4), "stale"),
                new Operation.DeleteSet(new NftSet("ipvsd", "web_excl", 1, 0, NftSet.TYPE_ETHER_ADDR, 6, 0, 0), "not wanted"));
        List<NetlinkMessage> ours = ops.stream().map(Operation::message).toList();
        GoldenBytes.assertSame(GoldenBytes.parse(NFT), ours, GoldenOperationsTest::normalize);
    }

    @Test
    void anInsertGoesBeforeItsPositionAndAnAddAppends() {
        Rule r = new Rule("ipvsd", "prerouting", 0, List.of(), Bytes.EMPTY);
        assertEquals(Netlink.NLM_F_CREATE, new Operation.AddRule(r, 7).message().flags());
        assertEquals(Netlink.NLM_F_CREATE | Netlink.NLM_F_APPEND, new Operation.AddRule(r, 0).message().flags());
    }

    private static Rule rule(long handle) {
        return new Rule("ipvsd", "prerouting", handle, List.of(), Bytes.EMPTY);
    }

    /** nft's messages carry NLM_F_REQUEST, which ours get only when the batch is sent. */
    private static NetlinkMessage normalize(NetlinkMessage m) {
        return new NetlinkMessage(m.type(), m.flags() & ~Netlink.NLM_F_REQUEST, 0, 0, m.payload());
    }
}
