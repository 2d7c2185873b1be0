package io.ipvsd.nft;

import static io.ipvsd.nft.GoldenRulesets.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.ipvs.Protocol;
import io.ipvsd.nft.expr.Bitwise;
import io.ipvsd.nft.expr.Bytes;
import io.ipvsd.nft.expr.Cmp;
import io.ipvsd.nft.expr.Expr;
import io.ipvsd.nft.expr.Lookup;
import io.ipvsd.nft.expr.Payload;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleCompilerTest {

    @Test
    void overlappingAndNeighbouringPortsMerge() {
        assertEquals(List.of(new PortRange(80, 81), new PortRange(440, 450), new PortRange(8000, 8100)),
                Matches.merge(List.of(PortRange.of(443), new PortRange(8000, 8100), PortRange.of(81), new PortRange(440, 450),
                        PortRange.of(80))));
    }

    @Test
    void intervalElementsFollowNft() {
        assertEquals(List.of(new SetElement(Bytes.be16(0), SetElement.INTERVAL_END), SetElement.of(Bytes.be16(80)),
                        new SetElement(Bytes.be16(81), SetElement.INTERVAL_END), SetElement.of(Bytes.be16(8000)),
                        new SetElement(Bytes.be16(8101), SetElement.INTERVAL_END)),
                Matches.intervalElements(List.of(PortRange.of(80), new PortRange(8000, 8100))));
        // From 0 no leading end marker; up to 65535 no closing one.
        assertEquals(List.of(SetElement.of(Bytes.be16(0)), new SetElement(Bytes.be16(11), SetElement.INTERVAL_END),
                        SetElement.of(Bytes.be16(20))),
                Matches.intervalElements(List.of(new PortRange(0, 10), new PortRange(20, 65535))));
    }

    @Test
    void portsBecomeACmpARangeOrASet() {
        assertEquals(List.of(Cmp.eq(Bytes.be16(80))), portMatch(List.of(PortRange.of(80))).exprs().subList(1, 2));
        assertEquals(List.of(new Cmp(Expr.REG_1, Cmp.Op.GTE, Bytes.be16(80)), new Cmp(Expr.REG_1, Cmp.Op.LTE, Bytes.be16(90))),
                portMatch(List.of(new PortRange(80, 90))).exprs().subList(1, 3));
        Matches plain = portMatch(List.of(PortRange.of(80), PortRange.of(443)));
        assertEquals(NftSet.F_ANONYMOUS | NftSet.F_CONSTANT, plain.anonymousSets().get(0).set().flags());
        Matches interval = portMatch(List.of(PortRange.of(80), new PortRange(8000, 8100)));
        assertEquals(NftSet.F_ANONYMOUS | NftSet.F_CONSTANT | NftSet.F_INTERVAL, interval.anonymousSets().get(0).set().flags());
        assertEquals(new Lookup(NftSet.ANONYMOUS_NAME, Expr.REG_1, 1, false), interval.exprs().get(1));
    }

    @Test
    void prefixesLoadOnlyTheirBytesAndMaskAPartialOne() {
        assertEquals(List.of(Payload.load(Payload.NETWORK_HEADER, 12, 3), Cmp.eq(Bytes.fromHex("c0a801"))),
                new Matches("t").prefix(new Prefix(ip("192.168.1.0"), 24), 12).exprs());
        assertEquals(List.of(Payload.load(Payload.NETWORK_HEADER, 12, 4), Bitwise.mask(Bytes.fromHex("ffffff80")),
                        Cmp.eq(Bytes.fromHex("c0a80180"))),
                new Matches("t").prefix(new Prefix(ip("192.168.1.128"), 25), 12).exprs());
        assertEquals(List.of(Payload.load(Payload.NETWORK_HEADER, 8, 8), Bitwise.mask(Bytes.fromHex("fffffffffffffff0")),
                        Cmp.eq(Bytes.fromHex("20010db800000010"))),
                new Matches("t").prefix(new Prefix(ip("2001:db8:0:10::"), 60), 8).exprs());
    }

    @Test
    void aRuleWithBothFamiliesBecomesOneKernelRulePerFamily() {
        CompiledRuleset c = RuleCompiler.compile(new NftRuleset("t", List.of(new MarkRule("web", 1,
                List.of(ip("2001:db8::1"), ip("10.0.0.1")), Set.of(Protocol.TCP), List.of(PortRange.of(80)), List.of(), null)), List.of()));
        assertEquals(List.of("web/ip", "web/ip6"), c.rules().stream().map(r -> r.tag().id()).toList());
        assertEquals(List.of("prerouting"), c.chains().stream().map(Chain::name).toList());
    }

    @Test
    void masqueradeRulesSplitByTheFamiliesTheyName() {
        assertEquals(List.of("a/inet"), ids(new MasqueradeRule("a", null, "eth1", List.of())));
        assertEquals(List.of("b/ip"), ids(new MasqueradeRule("b", new Prefix(ip("10.1.0.0"), 16), null, List.of(ip("10.0.0.1")))));
        assertEquals(List.of("c/ip", "c/ip6"), ids(new MasqueradeRule("c", null, null, List.of(ip("2001:db8::1"), ip("10.0.0.1")))));
    }

    @Test
    void theHashCoversWhatTheRuleDoesButNotTheExclusionSetsContents() {
        String base = webHash(List.of(PortRange.of(80)), List.of(MacAddress.parse("02:00:00:00:00:01")));
        assertEquals(base, webHash(List.of(PortRange.of(80)), List.of(MacAddress.parse("02:00:00:00:00:02"))),
                "a changed exclusion list is an element change, not a new rule");
        assertNotEquals(base, webHash(List.of(PortRange.of(81)), List.of(MacAddress.parse("02:00:00:00:00:01"))));
        assertNotEquals(base, webHash(List.of(PortRange.of(80)), List.of()));
    }

    @Test
    void invalidRulesAreRefusedWhenBuilt() {
        List<PortRange> p80 = List.of(PortRange.of(80));
        assertThrows(IllegalArgumentException.class, () -> new MarkRule("web", 1, List.of(ip("10.0.0.1")), Set.of(), p80, List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new MarkRule("web", 0, List.of(ip("10.0.0.1")), Set.of(), List.of(), List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new MarkRule("we b", 1, List.of(ip("10.0.0.1")), Set.of(), List.of(), List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new MarkRule("web", 1, List.of(), Set.of(), List.of(), List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new MarkRule("web", 1, List.of(ip("10.0.0.1")), Set.of(), List.of(), List.of(), "eth*"));
        assertThrows(IllegalArgumentException.class, () -> new MarkRule("web", 1, List.of(ip("10.0.0.1")), Set.of(), List.of(), List.of(), "a-very-long-interface"));
        assertThrows(IllegalArgumentException.class, () -> new MasqueradeRule("m", new Prefix(ip("10.0.0.0"), 8), null, List.of(ip("2001:db8::1"))));
        assertThrows(IllegalArgumentException.class, () -> new Prefix(ip("10.0.0.1"), 24));
        assertThrows(IllegalArgumentException.class, () -> new PortRange(90, 80));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("02:00:00:00:00"));
        MarkRule web = new MarkRule("web", 1, List.of(ip("10.0.0.1")), Set.of(), List.of(), List.of(), null);
        assertThrows(IllegalArgumentException.class, () -> new NftRuleset("t", List.of(web),
                List.of(new MasqueradeRule("web", null, null, List.of()))));
        assertThrows(IllegalArgumentException.class, () -> NftRuleset.empty("bad name"));
    }

    private static Matches portMatch(List<PortRange> ports) {
        return new Matches("t").then(Payload.load(Payload.TRANSPORT_HEADER, 2, 2)).ports(ports);
    }

    private static List<String> ids(MasqueradeRule m) {
        return RuleCompiler.compile(new NftRuleset("t", List.of(), List.of(m))).rules().stream().map(r -> r.tag().id()).toList();
    }

    private static String webHash(List<PortRange> ports, List<MacAddress> excluded) {
        CompiledRuleset c = RuleCompiler.compile(new NftRuleset("t", List.of(new MarkRule("web", 1, List.of(ip("10.0.0.1")),
                Set.of(Protocol.TCP), ports, excluded, null)), List.of()));
        assertTrue(c.rules().size() == 1);
        return c.rules().get(0).tag().hash();
    }
}
