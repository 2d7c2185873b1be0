package io.ipvsd.nft;

import static io.ipvsd.nft.GoldenRulesets.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipvsd.ipvs.Protocol;
import io.ipvsd.nft.testkit.Netns;
import io.ipvsd.nft.testkit.PeerReporter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real packets between namespaces the test makes (veth pairs, addresses from the documentation
 * ranges, no route out): the mark is set on exactly the packets it should be, and masquerade
 * changes the source address a server sees. Nothing is sent anywhere else.
 */
class TrafficHostTest {
    private static final String VIP = "203.0.113.10";
    private static final String VIP6 = "2001:db8:ff::10";
    private static final String EXCLUDED_MAC = "02:00:00:00:01:01";
    private static final String MARKED_MAC = "02:00:00:00:02:02";

    @BeforeEach
    void needsRoot() {
        assumeTrue(Netns.available(), "needs root, ip and nft");
    }

    @Test
    void onlyPacketsToTheServicesPortsFromNonExcludedMacsAreMarked() throws Exception {
        try (Netns director = Netns.create(); Netns peer = Netns.create(); Netns client = Netns.create()) {
            director.exec("ip", "addr", "add", VIP + "/32", "dev", "lo");
            director.exec("ip", "addr", "add", VIP6 + "/128", "dev", "lo");
            connect(director, "d1", peer, EXCLUDED_MAC, "198.51.100.1", "198.51.100.2", "2001:db8:1::");
            connect(director, "d2", client, MARKED_MAC, "198.51.100.5", "198.51.100.6", "2001:db8:2::");
            // Another table, after ours in prerouting, counts what arrives marked, per source MAC.
            director.nft("""
                    table inet observe {
                    	chain marked {
                    		type filter hook prerouting priority -100; policy accept;
                    		meta mark 7 ether saddr %s counter comment "peer"
                    		meta mark 7 ether saddr %s counter comment "client"
                    	}
                    }
                    """.formatted(EXCLUDED_MAC, MARKED_MAC));
            NftRuleset rules = new NftRuleset("ipvsd", List.of(new MarkRule("web", 7, List.of(ip(VIP), ip(VIP6)),
                    Set.of(Protocol.TCP, Protocol.UDP), List.of(PortRange.of(80), PortRange.of(443)),
                    List.of(MacAddress.parse(EXCLUDED_MAC)), null)), List.of());
            try (NftClient nft = NftClient.open(director.path())) {
                nft.sync(rules);
                for (Netns sender : List.of(peer, client)) {
                    udp(sender, VIP, 80, 5);
                    udp(sender, VIP6, 443, 3);
                    udp(sender, VIP, 81, 2); // not a service port
                    sender.exec("bash", "-c", "timeout 3 bash -c 'exec 3<>/dev/tcp/" + VIP + "/80' 2>/dev/null; true");
                }
                assertEquals(Map.of("peer", 0L, "client", 9L), markedPackets(nft), "5 + 3 UDP and one TCP SYN, from the client only");
                assertEquals(9, nft.counters("ipvsd").get(0).packets());
            }
        }
    }

    @Test
    void masqueradeChangesTheSourceTheServerSees() throws Exception {
        try (Netns client = Netns.create(); Netns director = Netns.create(); Netns server = Netns.create()) {
            connect(director, "d1", client, "02:00:00:00:03:03", "198.51.100.1", "198.51.100.2", "2001:db8:3::");
            connect(director, "d2", server, "02:00:00:00:04:04", "192.0.2.1", "192.0.2.2", "2001:db8:4::");
            director.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            Process reporter = startPeerReporter(server, "192.0.2.2", 9000);
            try (NftClient nft = NftClient.open(director.path())) {
                nft.sync(NftRuleset.empty("ipvsd"));
                assertEquals("198.51.100.2", peerSeen(client), "routed, not masqueraded");

                nft.sync(masquerade(new MasqueradeRule("vips", null, null, List.of(ip("203.0.113.99")))));
                assertEquals("198.51.100.2", peerSeen(client), "not first addressed to a listed destination");

                nft.sync(masquerade(new MasqueradeRule("lan", new Prefix(ip("198.51.100.0"), 30), "d2", List.of())));
                assertEquals("192.0.2.1", peerSeen(client), "masqueraded to the director's address on d2");
                assertEquals(1, nft.counters("ipvsd").get(0).packets(), "NAT rules see a connection's first packet only");

                nft.sync(masquerade(new MasqueradeRule("to-server", null, null, List.of(ip("192.0.2.2")))));
                assertEquals("192.0.2.1", peerSeen(client), "first addressed to a listed destination");
            } finally {
                reporter.destroy();
                reporter.waitFor();
            }
        }
    }

    private static NftRuleset masquerade(MasqueradeRule rule) {
        return new NftRuleset("ipvsd", List.of(), List.of(rule));
    }

    /** A veth pair from the director to {@code host}, addresses on both ends, the host routed via the director. */
    private static void connect(Netns director, String directorEnd, Netns host, String hostMac, String directorIp, String hostIp,
                                String prefix6) throws Exception {
        director.veth(directorEnd, host, "eth0");
        host.exec("ip", "link", "set", "eth0", "address", hostMac);
        director.exec("ip", "addr", "add", directorIp + "/30", "dev", directorEnd);
        director.exec("ip", "addr", "add", prefix6 + "1/64", "dev", directorEnd, "nodad");
        host.exec("ip", "addr", "add", hostIp + "/30", "dev", "eth0");
        host.exec("ip", "addr", "add", prefix6 + "2/64", "dev", "eth0", "nodad");
        host.exec("ip", "route", "add", "default", "via", directorIp);
        host.exec("ip", "-6", "route", "add", "default", "via", prefix6 + "1");
    }

    private static void udp(Netns sender, String address, int port, int count) throws Exception {
        sender.exec("bash", "-c", "for i in $(seq " + count + "); do echo x > /dev/udp/" + address + "/" + port + "; done");
    }

    /** The observer table's counters, by rule comment, read back through ipvsd's own decoder. */
    private static Map<String, Long> markedPackets(NftClient nft) throws Exception {
        return nft.read("observe").rules().stream()
                .collect(Collectors.toMap(r -> r.comment().orElseThrow(), r -> r.counter().packets()));
    }

    private static Process startPeerReporter(Netns server, String address, int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classes = Path.of(PeerReporter.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process p = server.start(java, "-cp", classes, PeerReporter.class.getName(), address, Integer.toString(port));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!"listening".equals(first)) {
            p.destroy();
            throw new IllegalStateException("peer reporter did not start: " + first);
        }
        return p;
    }

    /** Connects from the client to the reporter and returns the address the server saw. */
    private static String peerSeen(Netns client) throws Exception {
        return client.exec("bash", "-c", "exec 3<>/dev/tcp/192.0.2.2/9000; head -1 <&3").trim();
    }
}
