package io.ipvsd.cli.list;

import static io.ipvsd.cli.list.Tables.dest;
import static io.ipvsd.cli.list.Tables.service;
import static io.ipvsd.cli.list.Tables.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.cli.FakeIpvsAccess;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.conn.ConnectionTableParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListBehaviourTest {
    @Test
    void netnsNameAndPathReachTheAccess(@TempDir Path dir) throws IOException {
        Path ns = Files.createFile(dir.resolve("ns1"));
        FakeIpvsAccess access = CapturedTables.shapes();
        assertEquals(0, Run.of(access, "list", "--netns", ns.toString()).code());
        assertEquals(0, Run.of(access, "list", "-c", "--netns", ns.toString()).code());
        assertEquals(0, Run.of(access, "list").code());
        assertEquals(Arrays.asList(ns, ns, null), access.netnsAsked);
    }

    @Test
    void tableIsClosedAfterListing() {
        FakeIpvsAccess access = CapturedTables.shapes();
        Run.of(access, "list");
        Run.of(access, "list", "-t", "10.0.0.9:80");
        assertEquals(2, access.openTables);
        assertEquals(2, access.closedTables);
    }

    @Test
    void connectionsFilteredByVirtualServiceWithPort() throws IOException {
        Run r = Run.of(traffic(), "list", "-c", "--service", "10.9.1.100:80");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("IPVS connection entries",
                "pro expire state       source             virtual            destination",
                "TCP 01:57  TIME_WAIT   10.9.1.2:43394     10.9.1.100:80      10.9.2.2:80",
                "TCP 01:56  TIME_WAIT   10.9.1.2:43388     10.9.1.100:80      10.9.2.2:80"), r.out().lines().toList());
    }

    @Test
    void connectionsFilteredByVirtualAddressOnly() throws IOException {
        Run r = Run.of(traffic(), "list", "-c", "--service", "10.9.1.100");
        assertEquals(3, r.out().lines().filter(l -> l.contains("10.9.1.100:")).count(), r.out());
        assertEquals(5, r.out().lines().count(), r.out());
    }

    @Test
    void connectionsFilteredByIpv6ServiceAndClient() throws IOException {
        Run r = Run.of(traffic(), "list", "-c", "--service", "[2001:db8:1::101]:80", "--client", "2001:db8:1::2");
        assertEquals(List.of("TCP 01:58  TIME_WAIT   [2001:db8:1::2]:58326 [2001:db8:1::101]:80 [2001:db8:2::2]:80"),
                r.out().lines().skip(2).toList());
    }

    @Test
    void connectionsFilteredByClientIncludeItsFwmarkTemplate() throws IOException {
        Run r = Run.of(traffic(), "list", "-c", "--client", "10.9.1.2");
        assertTrue(r.out().contains("IP  00:58  ASSURED     10.9.1.2:0         0.0.0.1:0          10.9.2.2:0\n"), r.out());
        assertEquals(2 + 6, r.out().lines().count(), r.out());
    }

    @Test
    void persistenceEngineColumnsForEntriesThatHaveThem() throws IOException {
        FakeIpvsAccess access = new FakeIpvsAccess().connections(ConnectionTableParser.parse(
                "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n"
                        + "UDP 0A090102 13C4 0A090167 13C4 0A090202 13C4 UDP             179 sip a84b4c76e66710@client\n"
                        + "UDP 0A090102 13C4 0A090167 13C4 0A090202 13C4 UDP            6059\n"));
        assertEquals("IPVS connection entries\n"
                + "pro expire state       source             virtual            destination        pe name          pe_data\n"
                // print_conn pads the destination to 16 and the engine name to 18, unlike its title.
                + "UDP 02:59  UDP         10.9.1.2:5060      10.9.1.103:5060    10.9.2.2:5060    sip                a84b4c76e66710@client\n"
                + "UDP 100:59 UDP         10.9.1.2:5060      10.9.1.103:5060    10.9.2.2:5060\n",
                Run.of(access, "list", "-c", "--persistent-conn").out());
    }

    @Test
    void servicesAsJson() throws IOException {
        FakeIpvsAccess access = CapturedTables.shapes();
        Run r = Run.of(access, "list", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(resource("list-shapes.json"), r.out());
    }

    @Test
    void oneServiceAsJsonIgnoresViewOptions() throws IOException {
        FakeIpvsAccess access = new FakeIpvsAccess()
                .add(service(tcp("192.0.2.1", 80), "wlc", 0), dest("198.51.100.2", 80, ForwardingMethod.MASQ, 1))
                .add(service(tcp("192.0.2.1", 443), "wlc", 0));
        Run plain = Run.of(access, "list", "--json", "-t", "192.0.2.1:80");
        Run withViews = Run.of(access, "list", "--json", "-t", "192.0.2.1:80", "--stats", "--exact");
        assertEquals(plain, withViews);
        assertTrue(plain.out().contains("\"key\" : \"TCP 192.0.2.1:80\""), plain.out());
        assertEquals(1, plain.out().lines().filter(l -> l.contains("\"key\"")).count(), plain.out());
    }

    @Test
    void connectionsAsJson() throws IOException {
        Run r = Run.of(traffic(), "list", "-c", "--json", "--client", "10.9.1.2");
        assertEquals(0, r.code(), r.err());
        assertEquals(resource("list-connections.json"), r.out());
    }

    @Test
    void emptyTable() {
        assertEquals("IP Virtual Server version 1.2.1 (size=4096)\n"
                + "Prot LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n",
                Run.of(new FakeIpvsAccess(), "list", "-n").out());
        assertEquals("{\n  \"version\" : \"1.2.1\",\n  \"connectionTableSize\" : 4096,\n  \"services\" : [ ]\n}\n",
                Run.of(new FakeIpvsAccess(), "list", "--json").out());
    }

    private static FakeIpvsAccess traffic() throws IOException {
        String captured = resource("ipvsadm/traffic-proc-ip_vs_conn.txt").lines()
                .filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
        return CapturedTables.traffic().connections(ConnectionTableParser.parse(captured));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ListBehaviourTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
