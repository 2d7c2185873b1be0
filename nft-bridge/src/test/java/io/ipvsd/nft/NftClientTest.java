package io.ipvsd.nft;

import static io.ipvsd.nft.GoldenRulesets.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.ipvs.Protocol;
import io.ipvsd.netlink.Errno;
import io.ipvsd.nft.expr.Bytes;
import io.ipvsd.nft.expr.Counter;
import io.ipvsd.nft.expr.Expr;
import io.ipvsd.nft.expr.Lookup;
import io.ipvsd.nft.expr.Masq;
import io.ipvsd.nft.testkit.FakeNfTables;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** NftClient and NftPlanner against the fake kernel: sync, adoption, drift, races, errors. */
class NftClientTest {
    private static final String T = NftRuleset.DEFAULT_TABLE;

    private final FakeNfTables kernel = new FakeNfTables();

    private static MarkRule mark(String name, long mark, String vip, int port) {
        return new MarkRule(name, mark, List.of(ip(vip)), Set.of(Protocol.TCP), List.of(PortRange.of(port)), List.of(), null);
    }

    private static NftRuleset ruleset(MarkRule... marks) {
        return new NftRuleset(T, List.of(marks), List.of(new MasqueradeRule("out", null, "eth1", List.of())));
    }

    private static final NftRuleset ABC = ruleset(mark("a", 1, "10.0.0.1", 80), mark("b", 2, "10.0.0.2", 80), mark("c", 3, "10.0.0.3", 80));

    private NftClient client() {
        return NftClient.over(kernel.socket(), Duration.ofSeconds(1));
    }

    private List<String> ids(String chain) {
        return kernel.rules(T, chain).stream().map(r -> RuleTag.of(r).map(RuleTag::id).orElse("foreign")).toList();
    }

    private List<Long> handles(String chain) {
        return kernel.rules(T, chain).stream().map(Rule::handle).toList();
    }

    @Test
    void aSyncBuildsTheTableInOneBatchAndASecondChangesNothing() throws Exception {
        try (NftClient c = client()) {
            NftPlan first = c.sync(ABC);
            assertEquals("+ table inet ipvsd", first.changes().get(0));
            assertEquals(1, kernel.batches().size());
            assertEquals(List.of("a/ip", "b/ip", "c/ip"), ids("prerouting"));
            assertEquals(List.of("out/inet"), ids("postrouting"));
            assertTrue(c.sync(ABC).isEmpty());
            assertEquals(1, kernel.batches().size(), "nothing to do sends nothing");
        }
    }

    @Test
    void aRestartedDaemonAdoptsTheRulesItFinds() throws Exception {
        try (NftClient before = client()) {
            before.sync(ABC);
        }
        List<Long> handles = handles("prerouting");
        try (NftClient after = client()) {
            assertTrue(after.plan(ABC).isEmpty());
            after.sync(ABC);
        }
        assertEquals(handles, handles("prerouting"), "same rules, not copies");
        assertEquals(1, kernel.batches().size());
    }

    @Test
    void aFlushedRulesetIsRebuiltInOneBatch() throws Exception {
        try (NftClient c = client()) {
            c.sync(ABC);
            kernel.flushRuleset();
            c.sync(ABC);
            assertEquals(2, kernel.batches().size());
            assertEquals(List.of("a/ip", "b/ip", "c/ip"), ids("prerouting"));
        }
    }

    @Test
    void aDeletedRuleIsPutBackAtItsPlaceAndTheOthersKeepTheirCounters() throws Exception {
        try (NftClient c = client()) {
            c.sync(ABC);
            List<Long> h = handles("prerouting");
            kernel.count(T, h.get(0), 10, 1000);
            kernel.deleteRule(T, h.get(1));
            NftPlan heal = c.sync(ABC);
            assertEquals(List.of("+ rule inet ipvsd prerouting " + tag(ABC, 1) + " (before handle " + h.get(2) + ")"), heal.changes());
            assertEquals(List.of("a/ip", "b/ip", "c/ip"), ids("prerouting"));
            assertEquals(h.get(0), handles("prerouting").get(0));
            assertEquals(new RuleCounters("a", 10, 1000), c.counters(T).get(0));
        }
    }

    @Test
    void foreignRulesAndChainsInOurTableGoAndForeignTablesStay() throws Exception {
        try (NftClient c = client()) {
            c.sync(ABC);
            List<Expr> count = List.of(new Counter(0, 0));
            long foreignRule = kernel.addRule(T, "prerouting", count, UserData.comment("someone's"));
            long foreignChainRule = kernel.addRule(T, "debug", count, Bytes.EMPTY);
            kernel.addRule("filter", "input", count, Bytes.EMPTY);
            NftPlan heal = c.sync(ABC);
            assertEquals(List.of(
                    "- rule inet ipvsd debug handle " + foreignChainRule + " (its chain goes)",
                    "- rule inet ipvsd prerouting handle " + foreignRule + " (not ipvsd's)",
                    "- chain inet ipvsd debug (not ipvsd's)"), heal.changes());
            assertEquals(List.of("prerouting", "postrouting"), kernel.chains(T));
            assertEquals(List.of("a/ip", "b/ip", "c/ip"), ids("prerouting"));
            assertEquals(1, kernel.rules("filter", "input").size(), "another table is never touched");
        }
    }

    @Test
    void aRuleChangedOutsideIpvsdIsReplacedEvenWithOurTag() throws Exception {
        try (NftClient c = client()) {
            c.sync(ABC);
            Rule ours = kernel.rules(T, "prerouting").get(1);
            kernel.deleteRule(T, ours.handle());
            // Same comment, different expressions: a forged or hand-edited copy.
            kernel.addRule(T, "prerouting", List.of(new Counter(0, 0), new Masq(0)), ours.userdata());
            NftPlan heal = c.sync(ABC);
            assertTrue(heal.changes().get(0).endsWith("(changed outside ipvsd)"), heal.changes().toString());
            assertEquals(List.of("a/ip", "b/ip", "c/ip"), ids("prerouting"));
        }
    }

    @Test
    void aChangedRuleIsReplacedInPlace() throws Exception {
        try (NftClient c = client()) {
            c.sync(ABC);
            List<Long> h = handles("prerouting");
            NftRuleset changed = ruleset(mark("a", 1, "10.0.0.1", 80), mark("b", 2, "10.0.0.2", 8080), mark("c", 3, "10.0.0.3", 80));
            NftPlan plan = c.sync(changed);
            assertEquals(2, plan.size(), plan.toString());
            assertTrue(plan.changes().get(0).startsWith("- rule inet ipvsd prerouting handle " + h.get(1) + " (stale)"));
            assertEquals(List.of("a/ip", "b/ip", "c/ip"), ids("prerouting"));
            assertEquals(List.of(h.get(0), h.get(2)), List.of(handles("prerouting").get(0), handles("prerouting").get(2)));
        }
    }

    @Test
    void rulesFollowTheRulesetsOrder() throws Exception {
        try (NftClient c = client()) {
            c.sync(ABC);
            NftRuleset cab = ruleset(mark("c", 3, "10.0.0.3", 80), mark("a", 1, "10.0.0.1", 80), mark("b", 2, "10.0.0.2", 80));
            NftPlan plan = c.sync(cab);
            assertEquals(2, plan.size(), "one rule moves (delete + insert), two stay: " + plan);
            assertEquals(List.of("c/ip", "a/ip", "b/ip"), ids("prerouting"));
        }
    }

    @Test
    void aChangedExclusionListChangesOnlyElements() throws Exception {
        MarkRule one = new MarkRule("web", 1, List.of(ip("10.0.0.1")), Set.of(Protocol.TCP), List.of(PortRange.of(80)),
                List.of(MacAddress.parse("02:00:00:00:00:01"), MacAddress.parse("02:00:00:00:00:02")), null);
        MarkRule two = new MarkRule("web", 1, List.of(ip("10.0.0.1")), Set.of(Protocol.TCP), List.of(PortRange.of(80)),
                List.of(MacAddress.parse("02:00:00:00:00:02"), MacAddress.parse("02:00:00:00:00:03")), null);
        try (NftClient c = client()) {
            c.sync(new NftRuleset(T, List.of(one), List.of()));
            long handle = handles("prerouting").get(0);
            NftPlan plan = c.sync(new NftRuleset(T, List.of(two), List.of()));
            assertEquals(List.of("- element inet ipvsd web_excl { 02:00:00:00:00:01 }",
                    "+ element inet ipvsd web_excl { 02:00:00:00:00:03 }"), plan.changes());
            assertEquals(List.of(handle), handles("prerouting"));
            assertEquals(2, kernel.elements(T, "web_excl").size());
        }
    }

    @Test
    void aDormantTableIsWokenAndAReplacedChainIsRebuilt() throws Exception {
        try (NftClient c = client()) {
            c.sync(ABC);
            kernel.setTableFlags(T, Table.F_DORMANT);
            assertEquals("~ table inet ipvsd (clear the dormant flag)", c.sync(ABC).changes().get(0));
            kernel.flushRuleset();
            // A regular chain where our base chain belongs: it must become a base chain again.
            kernel.addRule(T, "prerouting", List.of(new Counter(0, 0)), Bytes.EMPTY);
            NftPlan plan = c.sync(ABC);
            assertTrue(plan.changes().contains("- chain inet ipvsd prerouting (type, hook, priority or policy changed)"), plan.toString());
            assertEquals(List.of("a/ip", "b/ip", "c/ip"), ids("prerouting"));
        }
    }

    @Test
    void aWriterRacingTheSyncMakesItReadAgain() throws Exception {
        try (NftClient c = client()) {
            c.sync(ABC);
            kernel.flushRuleset();
            // Someone commits between our reading and our batch: the batch is refused and redone.
            kernel.beforeNextBatch(() -> kernel.addTable("other"));
            c.sync(ABC);
            assertEquals(3, kernel.batches().size(), "the refused batch and the retry");
            assertEquals(List.of("a/ip", "b/ip", "c/ip"), ids("prerouting"));
            assertTrue(kernel.hasTable("other"));
        }
    }

    @Test
    void aWriterThatAlwaysWinsMakesTheSyncGiveUp() throws Exception {
        try (NftClient c = client()) {
            Runnable[] race = new Runnable[1];
            race[0] = () -> {
                kernel.addTable("other");
                kernel.beforeNextBatch(race[0]);
            };
            kernel.beforeNextBatch(race[0]);
            NftBatchException e = assertThrows(NftBatchException.class, () -> c.sync(ABC));
            assertEquals(Errno.ERESTART, e.errno());
            assertEquals(NftClient.SYNC_ATTEMPTS, kernel.batches().size());
            assertFalse(kernel.hasTable(T));
        }
    }

    @Test
    void aRefusedBatchNamesTheOperationAndAppliesNothing() throws Exception {
        try (NftClient c = client()) {
            c.sync(ABC);
            Rule bad = new Rule(T, "prerouting", 0, List.of(new Lookup("nosuchset", Expr.REG_1, 0, false)), UserData.comment("bad"));
            NftPlan plan = new NftPlan(T, kernel.generation(), List.of(
                    new Operation.DeleteRule(kernel.rules(T, "prerouting").get(0), "test"),
                    new Operation.AddRule(bad, 0),
                    new Operation.DeleteChain(new Chain(T, "nosuchchain", 0, null), "test")));
            NftBatchException e = assertThrows(NftBatchException.class, () -> c.apply(plan));
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals(1, e.otherErrors());
            assertEquals("add rule inet ipvsd prerouting comment \"bad\" (and 1 more refused operations): "
                    + "ENOENT (No such file or directory): no set nosuchset", e.getMessage());
            assertEquals(List.of("a/ip", "b/ip", "c/ip"), ids("prerouting"), "the delete before it was not applied either");
        }
    }

    @Test
    void countersAreSummedPerRulesetRule() throws Exception {
        NftRuleset both = new NftRuleset(T, List.of(new MarkRule("web", 1, List.of(ip("10.0.0.1"), ip("2001:db8::1")),
                Set.of(), List.of(), List.of(), null)), List.of());
        try (NftClient c = client()) {
            c.sync(both);
            List<Long> h = handles("prerouting");
            kernel.count(T, h.get(0), 3, 300);
            kernel.count(T, h.get(1), 4, 400);
            assertEquals(List.of(new RuleCounters("web", 7, 700)), c.counters(T));
        }
    }

    @Test
    void anEmptyRulesetEmptiesTheTableButKeepsIt() throws Exception {
        try (NftClient c = client()) {
            c.sync(new NftRuleset(T, List.of(new MarkRule("web", 1, List.of(ip("10.0.0.1")), Set.of(), List.of(),
                    List.of(MacAddress.parse("02:00:00:00:00:01")), null)), List.of()));
            c.sync(NftRuleset.empty(T));
            assertTrue(kernel.hasTable(T));
            assertEquals(List.of(), kernel.chains(T));
            assertEquals(List.of(), kernel.sets(T));
        }
    }

    @Test
    void theLongestRunInOrderIsKept() {
        assertArrayEquals(new boolean[] {false, true, true, false, true}, NftPlanner.longestIncreasing(List.of(4, 0, 1, 0, 3)));
        assertArrayEquals(new boolean[] {}, NftPlanner.longestIncreasing(List.of()));
    }

    private static String tag(NftRuleset r, int index) {
        return RuleCompiler.compile(r).rules().get(index).tag().comment();
    }
}
