package io.ipvsd.kerneltest.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 acceptance: a first start converges the kernel to the file (IPVS table, sysctls,
 * timeouts, ipvsd's nf_tables table), and the result balances: round robin spreads a client's
 * requests over the real servers, persistence pins them to one, the mark rule feeds the fwmark
 * service except for frames from an excluded MAC, and MASQUERADE brings back the replies of a real
 * server that has no route to the client.
 */
@Tag("kernel")
class FirstStartKernelTest {
    static final String CONFIG = """
            [sysctl]
            "net.ipv4.ip_forward" = 1
            "net.ipv4.vs.expire_nodest_conn" = 1
            "net.ipv4.vs.conntrack" = 1             # the masquerade rule matches IPVS's conntrack entries

            [ipvs.timeouts]
            tcp = "900s"
            tcp_fin = "120s"
            udp = "300s"

            [[service]]
            name = "spread"
            protocol = "tcp"
            address = "10.77.0.10"
            port = 80
            scheduler = "rr"
              [[service.real]]
              address = "10.77.2.11"
              method = "nat"
              [[service.real]]
              address = "10.77.2.12"
              method = "nat"
              [[service.real]]
              address = "10.77.2.13"
              method = "nat"

            [[service]]
            name = "sticky"
            protocol = "tcp"
            address = "10.77.0.11"
            port = 80
            scheduler = "rr"
            persistence = { timeout = 300 }
              [[service.real]]
              address = "10.77.2.11"
              method = "nat"
              [[service.real]]
              address = "10.77.2.12"
              method = "nat"
              [[service.real]]
              address = "10.77.2.13"
              method = "nat"

            [[service]]
            name = "dns"
            protocol = "udp"
            address = "10.77.0.12"
            port = 53
            scheduler = "wrr"
            persistence = { timeout = 60, netmask = 24 }
              [[service.real]]
              address = "10.77.2.11"
              method = "nat"
              weight = 3
              [[service.real]]
              address = "10.77.2.12"
              port = 5353
              method = "nat"
              weight = 2

            [[service]]
            name = "marked"
            fwmark = 1
            scheduler = "rr"
              [[service.real]]
              address = "10.77.2.11"
              method = "nat"
              [[service.real]]
              address = "10.77.2.12"
              method = "nat"

            [[mark]]
            fwmark = 1
            address = "10.77.0.20"
            protocol = "tcp"
            ports = [80]

            [[mark]]                                # the client's frames are not marked
            fwmark = 1
            address = "10.77.0.21"
            protocol = "tcp"
            ports = [80]
            exclude_source_macs = ["%s"]

            [[masquerade]]
            out_interface = "br1"
            ipvs_only = true
            """.formatted(DirectorLab.CLIENT_MAC);

    static final Set<String> RULES = Set.of(
            "-A -t 10.77.0.10:80 -s rr",
            "-a -t 10.77.0.10:80 -r 10.77.2.11:80 -m -w 1",
            "-a -t 10.77.0.10:80 -r 10.77.2.12:80 -m -w 1",
            "-a -t 10.77.0.10:80 -r 10.77.2.13:80 -m -w 1",
            "-A -t 10.77.0.11:80 -s rr -p 300",
            "-a -t 10.77.0.11:80 -r 10.77.2.11:80 -m -w 1",
            "-a -t 10.77.0.11:80 -r 10.77.2.12:80 -m -w 1",
            "-a -t 10.77.0.11:80 -r 10.77.2.13:80 -m -w 1",
            "-A -u 10.77.0.12:53 -s wrr -p 60 -M 255.255.255.0",
            "-a -u 10.77.0.12:53 -r 10.77.2.11:53 -m -w 3",
            "-a -u 10.77.0.12:53 -r 10.77.2.12:5353 -m -w 2",
            "-A -f 1 -s rr",
            "-a -f 1 -r 10.77.2.11:0 -m -w 1",
            "-a -f 1 -r 10.77.2.12:0 -m -w 1");
    /** VIPs of the config, on the director's loopback. */
    static final String[] VIPS = {"10.77.0.10", "10.77.0.11", "10.77.0.12", "10.77.0.20", "10.77.0.21"};

    private DirectorLab lab;

    @BeforeEach
    void network() {
        lab = DirectorLab.create(VIPS);
        lab.addServer("rs1", "10.77.2.11", 80);
        lab.addServer("rs2", "10.77.2.12", 80);
        lab.addServer("rs3", "10.77.2.13", 80);
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    @Test
    void firstStartConvergesAndBalances() {
        assertEquals("0", lab.inDirector("sysctl", "-n", "net.ipv4.ip_forward").stdout().trim(), "a new namespace does not forward");
        lab.writeConfig(lab.daemonSection("2s") + CONFIG);
        long t0 = System.nanoTime();
        lab.startDaemon();
        lab.awaitRules(DirectorLab.START_TIMEOUT, "first start", RULES);
        Timing.log("first start: ipvsadm -Sn as configured", t0);

        assertEquals("1\n1\n1\n", lab.inDirector("sysctl", "-n", "net.ipv4.ip_forward", "net.ipv4.vs.expire_nodest_conn",
                "net.ipv4.vs.conntrack").stdout());
        assertTrue(lab.inDirector("ipvsadm", "-Ln", "--timeout").stdout().contains("Timeout (tcp tcpfin udp): 900 120 300"));
        String nft = Await.until(Duration.ofSeconds(10), "ipvsd's nf_tables table", lab::nftTable,
                t -> t.contains("masquerade"), lab::context);
        assertTrue(nft.contains("ip daddr 10.77.0.20 tcp dport 80 counter meta mark set 0x00000001"), nft);
        assertTrue(nft.contains("elements = { " + DirectorLab.CLIENT_MAC + " }"), nft);
        assertTrue(nft.contains("oifname \"br1\" ct original ip daddr { 10.77.0.10, 10.77.0.11, 10.77.0.12, 10.77.0.20,"
                + " 10.77.0.21 } counter masquerade"), nft);

        // Round robin, one client, one connection per request: each server in turn.
        List<String> spread = lab.get("10.77.0.10", 80, 9);
        assertEquals(Map.of("rs1", 3L, "rs2", 3L, "rs3", 3L), DirectorLab.count(spread), spread.toString());

        // Persistence: the same client always reaches the server its first connection got.
        List<String> sticky = lab.get("10.77.0.11", 80, 6);
        assertEquals(1, DirectorLab.count(sticky).size(), sticky.toString());
        assertTrue(sticky.get(0).matches("rs[123]"), sticky.toString());
        String connections = lab.inDirector("ipvsadm", "-Lnc").stdout();
        assertTrue(connections.matches("(?s).*\\n\\s*TCP\\s+\\S+\\s+\\S+\\s+10\\.77\\.1\\.2:0\\s+10\\.77\\.0\\.11:80\\s+10\\.77\\.2\\.1[123]:80\\n.*"),
                "a persistence template (client port 0) for the sticky service:\n" + connections);

        // The mark rule feeds the fwmark service; frames from the excluded MAC stay unmarked, so they
        // reach the director itself, where nothing listens on port 80.
        List<String> marked = lab.get("10.77.0.20", 80, 4);
        assertEquals(Map.of("rs1", 2L, "rs2", 2L), DirectorLab.count(marked), marked.toString());
        assertTrue(lab.nftPackets("fwmark1") > 0);
        assertEquals(List.of("FAIL", "FAIL"), lab.get("10.77.0.21", 80, 2), "not marked, not balanced");
        assertEquals(0, lab.nftPackets("fwmark1_2"), "no packet from the excluded MAC was marked");

        // MASQUERADE: rs3 loses its route to the client, and still answers (to the director).
        lab.server("rs3").ns.exec("ip", "route", "del", "default").assertSuccess();
        spread = lab.get("10.77.0.10", 80, 6);
        assertEquals(Map.of("rs1", 2L, "rs2", 2L, "rs3", 2L), DirectorLab.count(spread), spread.toString());
        assertTrue(lab.nftPackets("masquerade1") > 0);

        // Steady state: nothing more to do, the table stays as it is.
        Await.holds(Duration.ofSeconds(3), "the table stays as configured", lab::ipvsadmRules, RULES::equals, lab::context);
        assertEquals(nft, lab.nftTable());
    }
}
