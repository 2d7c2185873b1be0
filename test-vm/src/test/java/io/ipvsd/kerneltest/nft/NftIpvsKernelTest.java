package io.ipvsd.kerneltest.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.ipvs.Protocol;
import io.ipvsd.kerneltest.FreshNetns;
import io.ipvsd.netlink.Errno;
import io.ipvsd.nft.MacAddress;
import io.ipvsd.nft.MarkRule;
import io.ipvsd.nft.MasqueradeRule;
import io.ipvsd.nft.NftBatchException;
import io.ipvsd.nft.NftClient;
import io.ipvsd.nft.NftPlan;
import io.ipvsd.nft.NftRuleset;
import io.ipvsd.nft.PortRange;
import io.ipvsd.nft.RuleCounters;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * nft-bridge on the oldest kernel ipvsd runs on (the VM's 6.1, which never acks a batch's begin
 * message), with real IPVS: the mark rule feeds a fwmark service, the source-MAC exclusion keeps
 * the peer director's packets out of it, and masquerade keyed on the conntrack original
 * destination catches exactly what IPVS forwarded.
 */
@Tag("kernel")
class NftIpvsKernelTest {
    private static final String VIP = "203.0.113.10";
    private static final String PEER_MAC = "02:00:00:00:01:01";

    @RegisterExtension
    final FreshNetns director = new FreshNetns();
    @RegisterExtension
    final FreshNetns peer = new FreshNetns();
    @RegisterExtension
    final FreshNetns client = new FreshNetns();
    @RegisterExtension
    final FreshNetns server = new FreshNetns();

    private static NftRuleset ruleset() throws Exception {
        return new NftRuleset("ipvsd",
                List.of(new MarkRule("web", 7, List.of(InetAddress.getByName(VIP)), Set.of(Protocol.TCP), List.of(PortRange.of(80)),
                        List.of(MacAddress.parse(PEER_MAC)), null)),
                List.of(new MasqueradeRule("ipvs", null, "d3", List.of(InetAddress.getByName(VIP)))));
    }

    @Test
    void syncAdoptsAndRefusesAStalePlanOnTheVmKernel() throws Exception {
        NftRuleset rules = ruleset();
        try (NftClient nft = NftClient.open(director.path())) {
            assertFalse(nft.sync(rules).isEmpty());
            assertTrue(nft.sync(rules).isEmpty(), "an unchanged table plans nothing");
            director.exec("nft", "flush", "ruleset").assertSuccess();
            NftPlan stale = nft.plan(rules);
            director.exec("nft", "add", "table", "inet", "someone").assertSuccess();
            NftBatchException e = assertThrows(NftBatchException.class, () -> nft.apply(stale));
            assertEquals(Errno.ERESTART, e.errno());
            nft.sync(rules);
            String listed = director.exec("nft", "list", "table", "inet", "ipvsd").assertSuccess().stdout();
            assertTrue(listed.contains("ip daddr 203.0.113.10 tcp dport 80 ether saddr != @web_excl counter packets 0 bytes 0 "
                    + "meta mark set 0x00000007"), listed);
            assertTrue(listed.contains("oifname \"d3\" ct original ip daddr 203.0.113.10 counter packets 0 bytes 0 masquerade"), listed);
        }
    }

    @Test
    void markedTrafficIsBalancedAndMasqueradedAndThePeersIsNot() throws Exception {
        director.exec("ip", "addr", "add", VIP + "/32", "dev", "lo").assertSuccess();
        link(director, "d1", "198.51.100.1", peer, PEER_MAC, "198.51.100.2");
        link(director, "d2", "198.51.100.5", client, "02:00:00:00:02:02", "198.51.100.6");
        link(director, "d3", "192.0.2.1", server, "02:00:00:00:03:03", "192.0.2.2");
        director.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1", "net.ipv4.vs.conntrack=1").assertSuccess();
        director.exec("ipvsadm", "-A", "-f", "7", "-s", "rr").assertSuccess();
        director.exec("ipvsadm", "-a", "-f", "7", "-r", "192.0.2.2:80", "-m").assertSuccess();
        // The server counts the SYNs it gets, by source; nothing listens, so each gets a reset.
        server.exec("sh", "-c", "nft -f - <<'EOF'\n"
                + "table inet observe {\n"
                + "  chain in {\n"
                + "    type filter hook input priority 0; policy accept;\n"
                + "    tcp dport 80 ip saddr 192.0.2.1 counter comment \"director\"\n"
                + "    tcp dport 80 ip saddr 198.51.100.6 counter comment \"client\"\n"
                + "    tcp dport 80 ip saddr 198.51.100.2 counter comment \"peer\"\n"
                + "  }\n"
                + "}\nEOF").assertSuccess();
        try (NftClient nft = NftClient.open(director.path()); NftClient observer = NftClient.open(server.path())) {
            nft.sync(ruleset());
            connect(peer, VIP);           // the peer director's packet: not marked, not balanced
            connect(client, VIP);         // marked, balanced to the server, masqueraded
            connect(client, "192.0.2.2"); // routed past IPVS: not masqueraded
            Map<String, Long> seen = observer.read("observe").rules().stream()
                    .collect(Collectors.toMap(r -> r.comment().orElseThrow(), r -> r.counter().packets()));
            assertEquals(Map.of("director", 1L, "client", 1L, "peer", 0L), seen);
            assertEquals(List.of(new RuleCounters("web", 1, 60), new RuleCounters("ipvs", 1, 60)), nft.counters("ipvsd"));
            // The connection table, not --stats: 6.1 refreshes those only every two seconds.
            String connections = director.exec("ipvsadm", "-Lnc").assertSuccess().stdout();
            assertTrue(connections.contains("198.51.100.6:") && connections.contains("192.0.2.2:80"), connections);
            assertFalse(connections.contains("198.51.100.2:"), "the peer's connection was not balanced:\n" + connections);
        }
    }

    private static void link(FreshNetns director, String end, String directorIp, FreshNetns host, String mac, String hostIp) {
        director.exec("ip", "link", "add", end, "type", "veth", "peer", "name", "eth0", "netns", host.name()).assertSuccess();
        director.exec("ip", "addr", "add", directorIp + "/30", "dev", end).assertSuccess();
        director.exec("ip", "link", "set", end, "up").assertSuccess();
        host.exec("ip", "link", "set", "eth0", "address", mac).assertSuccess();
        host.exec("ip", "addr", "add", hostIp + "/30", "dev", "eth0").assertSuccess();
        host.exec("ip", "link", "set", "eth0", "up").assertSuccess();
        host.exec("ip", "route", "add", "default", "via", directorIp).assertSuccess();
    }

    /** One TCP connection attempt (a SYN, answered by a reset). */
    private static void connect(FreshNetns from, String address) {
        from.exec("bash", "-c", "timeout 5 bash -c 'exec 3<>/dev/tcp/" + address + "/80' 2>/dev/null; true").assertSuccess();
    }
}
