package io.ipvsd.nft;

import static io.ipvsd.nft.GoldenRulesets.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipvsd.netlink.Errno;
import io.ipvsd.nft.expr.Expr;
import io.ipvsd.nft.expr.Lookup;
import io.ipvsd.nft.expr.Unknown;
import io.ipvsd.nft.testkit.Netns;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the host kernel's nf_tables, each test in a network namespace of its own: what ipvsd
 * writes is what nft lists, what nft writes ipvsd reads back, drift is healed in one batch, and
 * the kernel's refusals reach the caller named.
 */
class NftHostTest {
    private static final NftRuleset BOTH = new NftRuleset("ipvsd", GoldenRulesets.marks().marks(),
            GoldenRulesets.masquerades().masquerades());

    /** `nft list table inet ipvsd` of {@link #BOTH}, as an operator would have written it. */
    private static final String LISTED = """
            table inet ipvsd {
            	set web_excl {
            		type ether_addr
            		elements = { 02:00:00:00:00:01,
            			     02:00:00:00:00:02 }
            	}

            	chain prerouting {
            		type filter hook prerouting priority mangle; policy accept;
            		iifname "eth0" ip daddr 10.0.0.1 tcp dport { 80, 443, 8000-8100 } ether saddr != @web_excl counter packets 0 bytes 0 meta mark set 0x00000001 comment "ipvsd web/ip f1374b81d11e"
            		ip daddr { 10.0.0.2, 10.0.0.3 } meta l4proto { tcp, udp } th dport 53 counter packets 0 bytes 0 meta mark set 0x00000002 comment "ipvsd dns/ip b6c5eab2505e"
            		ip6 daddr 2001:db8::1 sctp dport 8000-8100 counter packets 0 bytes 0 meta mark set 0x00000003 comment "ipvsd sip6/ip6 1883a6dbb24f"
            	}

            	chain postrouting {
            		type nat hook postrouting priority srcnat; policy accept;
            		oifname "eth1" ip saddr 192.168.1.0/25 ct original ip daddr { 10.0.0.1, 10.0.0.2 } counter packets 0 bytes 0 masquerade comment "ipvsd lan/ip 1f426cc4805a"
            		ip6 saddr 2001:db8::/64 ct original ip6 daddr 2001:db8::1 counter packets 0 bytes 0 masquerade comment "ipvsd lan6/ip6 3496fe19bbe4"
            		counter packets 0 bytes 0 masquerade comment "ipvsd all/inet e007fe1039ab"
            	}
            }
            """;

    private static final String OTHER_TABLE = """
            table ip other {
            	chain input {
            		type filter hook input priority 0; policy accept;
            		counter
            	}
            }
            """;

    private Netns ns;
    private NftClient client;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue(Netns.available(), "needs root, ip and nft");
        ns = Netns.create();
        client = NftClient.open(ns.path());
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (client != null) {
            client.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private String listed() throws Exception {
        return ns.exec("nft", "list", "table", "inet", "ipvsd");
    }

    @Test
    void whatIpvsdWritesNftListsAsAnOperatorWouldWriteIt() throws Exception {
        client.sync(BOTH);
        assertEquals(LISTED, listed());
    }

    @Test
    void rulesWrittenByNftAreReadBackAndAdopted() throws Exception {
        // The listing is itself a valid nft script: load it with nft, then let ipvsd look.
        ns.nft(LISTED);
        NftTableState state = client.read("ipvsd");
        assertEquals(6, state.rules().size());
        assertTrue(state.rules().stream().flatMap(r -> r.exprs().stream()).noneMatch(e -> e instanceof Unknown));
        assertEquals(List.of("web/ip", "dns/ip", "sip6/ip6", "lan/ip", "lan6/ip6", "all/inet"),
                state.rules().stream().map(r -> RuleTag.of(r).orElseThrow().id()).toList());
        assertTrue(client.plan(BOTH).isEmpty(), "nothing to change in a table nft made from the same rules");
    }

    @Test
    void whatIpvsdDoesNotModelIsReadAsUnknownAndRemovedFromItsTable() throws Exception {
        client.sync(BOTH);
        ns.nft("""
                add chain inet ipvsd other
                add rule inet ipvsd prerouting tcp flags syn limit rate 10/second log prefix "hi " jump other
                """);
        Rule foreign = client.read("ipvsd").rulesOf("prerouting").get(3);
        List<String> names = foreign.exprs().stream().map(Expr::name).toList();
        assertEquals(List.of("meta", "cmp", "payload", "bitwise", "cmp", "limit", "log", "immediate"), names);
        assertInstanceOf(Unknown.class, foreign.exprs().get(5));
        assertInstanceOf(Unknown.class, foreign.exprs().get(7), "a jump is an immediate holding a verdict");
        client.sync(BOTH);
        assertEquals(LISTED, listed());
    }

    @Test
    void driftIsHealedInOneBatchAndOtherTablesAreLeftAlone() throws Exception {
        client.sync(BOTH);
        ns.nft(OTHER_TABLE);
        String other = ns.exec("nft", "list", "table", "ip", "other");

        ns.exec("nft", "flush", "ruleset");
        assertHealedInOneBatch();
        ns.nft(OTHER_TABLE);

        long dnsHandle = client.read("ipvsd").rulesOf("prerouting").get(1).handle();
        ns.exec("nft", "delete", "rule", "inet", "ipvsd", "prerouting", "handle", Long.toString(dnsHandle));
        assertHealedInOneBatch();

        ns.exec("nft", "add", "rule", "inet", "ipvsd", "prerouting", "counter", "accept");
        ns.exec("nft", "insert", "rule", "inet", "ipvsd", "postrouting", "ip", "daddr", "10.1.1.1", "drop");
        ns.exec("nft", "add", "set", "inet", "ipvsd", "junk", "{ type ipv4_addr; }");
        ns.exec("nft", "add", "element", "inet", "ipvsd", "web_excl", "{ 02:00:00:00:00:99 }");
        assertHealedInOneBatch();

        assertEquals(other, ns.exec("nft", "list", "table", "ip", "other"));
    }

    private void assertHealedInOneBatch() throws Exception {
        long before = client.read("ipvsd").generation();
        NftPlan plan = client.sync(BOTH);
        assertTrue(!plan.isEmpty());
        assertEquals(before + 1, client.read("ipvsd").generation(), "one batch, one new generation:\n" + plan);
        assertEquals(LISTED, listed());
    }

    @Test
    void rulesOutliveTheClientAndARestartAdoptsThem() throws Exception {
        client.sync(BOTH);
        List<Long> handles = client.read("ipvsd").rules().stream().map(Rule::handle).toList();
        client.close();
        client = null;
        assertEquals(LISTED, listed(), "no owner flag: the rules stay when the daemon's socket closes");
        try (NftClient restarted = NftClient.open(ns.path())) {
            assertTrue(restarted.sync(BOTH).isEmpty());
            assertEquals(handles, restarted.read("ipvsd").rules().stream().map(Rule::handle).toList());
        }
    }

    @Test
    void aPlanFromAStaleReadingIsRefusedWholeAndSyncReadsAgain() throws Exception {
        NftPlan plan = client.plan(BOTH);
        ns.exec("nft", "add", "table", "inet", "someone");
        NftBatchException e = assertThrows(NftBatchException.class, () -> client.apply(plan));
        assertEquals(Errno.ERESTART, e.errno());
        assertTrue(ns.exec("nft", "list", "tables").contains("inet someone"));
        assertTrue(!ns.exec("nft", "list", "tables").contains("inet ipvsd"), "nothing of the refused batch applied");
        client.sync(BOTH);
        assertEquals(LISTED, listed());
    }

    @Test
    void aRefusedRuleNamesItsOperationAndWhereTheKernelPointed() throws Exception {
        client.sync(BOTH);
        Rule bad = new Rule("ipvsd", "prerouting", 0, List.of(new Lookup("nosuchset", Expr.REG_1, 0, false)), UserData.comment("bad"));
        NftPlan plan = new NftPlan("ipvsd", client.read("ipvsd").generation(), List.of(new Operation.AddRule(bad, 0)));
        NftBatchException e = assertThrows(NftBatchException.class, () -> client.apply(plan));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("expression 1 (lookup)", e.location());
        assertTrue(e.getMessage().startsWith("add rule inet ipvsd prerouting comment \"bad\" [kernel points at expression 1 (lookup)]: ENOENT"),
                e.getMessage());
    }

    /** nf_tables gives no text and no offset here: the error still names the operation. */
    @Test
    void aSetWithoutAKeyIsRefusedNamingTheOperation() throws Exception {
        client.sync(BOTH);
        NftSet keyless = new NftSet("ipvsd", "keyless", 0, 0, 0, 0, 1, 0);
        NftPlan plan = new NftPlan("ipvsd", client.read("ipvsd").generation(), List.of(new Operation.AddSet(keyless, null)));
        NftBatchException e = assertThrows(NftBatchException.class, () -> client.apply(plan));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("add set inet ipvsd keyless: EINVAL (Invalid argument)", e.getMessage());
    }
}
