package io.ipvsd.ipvs.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionTableParserTest {
    private static final String HEADER =
            "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n";

    /** The table captured after real traffic in the test VM (Linux 6.1), without its "#" preamble. */
    private static String captured() throws IOException {
        try (InputStream in = ConnectionTableParserTest.class.getResourceAsStream("ip_vs_conn-linux-6.1.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines()
                    .filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n", "", "\n"));
        }
    }

    @Test
    void parsesEveryEntryOfACapturedTable() throws IOException {
        List<IpvsConnection> all = ConnectionTableParser.parse(captured());
        assertEquals(10, all.size());
        assertEquals(6, all.stream().filter(c -> c.protocol().equals("TCP") && !c.isTemplate()).count());
    }

    @Test
    void ipv4EntryHasHexAddressesAndPorts() throws IOException {
        IpvsConnection c = ConnectionTableParser.parse(captured()).get(3);
        assertEquals(new IpvsConnection("TCP", ip("10.9.1.2"), 0xBBA0, ip("10.9.1.102"), 80, ip("10.9.2.2"), 80,
                "TIME_WAIT", 118, null, null), c);
    }

    @Test
    void ipv6EntryHasFullTextAddresses() throws IOException {
        IpvsConnection c = ConnectionTableParser.parse(captured()).get(1);
        assertEquals(new IpvsConnection("TCP", ip("2001:db8:1::2"), 0xC3B6, ip("2001:db8:1::100"), 80,
                ip("2001:db8:2::2"), 80, "TIME_WAIT", 118, null, null), c);
    }

    @Test
    void templatesOfAddressAndFwmarkServices() throws IOException {
        List<IpvsConnection> all = ConnectionTableParser.parse(captured());
        // Linux 6.1 names a template of a TCP service "TCP", state ASSURED; the client is the masked network.
        assertEquals(new IpvsConnection("TCP", ip("10.9.1.0"), 0, ip("10.9.1.101"), 80, ip("10.9.2.2"), 80,
                "ASSURED", 298, null, null), all.get(8));
        assertEquals(new IpvsConnection("TCP", ip("2001:db8:1::"), 0, ip("2001:db8:1::101"), 80,
                ip("2001:db8:2::2"), 80, "ASSURED", 298, null, null), all.get(9));
        // A fwmark template: protocol IP, the mark where the virtual address goes.
        assertEquals(new IpvsConnection("IP", ip("10.9.1.2"), 0, ip("0.0.0.1"), 0, ip("10.9.2.2"), 0,
                "ASSURED", 58, null, null), all.get(0));
        assertTrue(all.get(0).isTemplate());
        assertFalse(all.get(1).isTemplate());
    }

    @Test
    void olderKernelsHeaderWithoutPersistenceEngineColumns() throws IOException {
        List<IpvsConnection> all = ConnectionTableParser.parse(
                "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires\n"
                        + "IP  C0A80000 0000 0A000001 0000 0A000002 0000 NONE            300\n");
        assertEquals("IP", all.get(0).protocol());
        assertEquals("NONE", all.get(0).state());
    }

    @Test
    void persistenceEngineNameAndData() throws IOException {
        // ip_vs_conn_seq_show appends " <pe name> <pe data>" (for sip: the Call-ID).
        IpvsConnection c = ConnectionTableParser.parse(HEADER
                + "UDP 0A090102 13C4 0A090167 13C4 0A090202 13C4 UDP             179 sip a84b4c76e66710@client\n").get(0);
        assertEquals("sip", c.peName());
        assertEquals("a84b4c76e66710@client", c.peData());
    }

    @Test
    void entryWithoutPersistenceEngineHasNulls() throws IOException {
        IpvsConnection c = ConnectionTableParser.parse(HEADER
                + "TCP 0A090102 BBA0 0A090166 0050 0A090202 0050 ESTABLISHED     899\n").get(0);
        assertNull(c.peName());
        assertNull(c.peData());
    }

    @Test
    void destinationFamilyMayDifferFromClientFamily() throws IOException {
        IpvsConnection c = ConnectionTableParser.parse(HEADER
                + "TCP 0A090102 BBA0 0A090166 0050 2001:0db8:0000:0000:0000:0000:0000:0050 0050 SYN_RECV 59\n").get(0);
        assertEquals(ip("2001:db8::50"), c.destinationAddress());
    }

    @Test
    void ipv4MappedIpv6StaysIpv6() throws IOException {
        IpvsConnection c = ConnectionTableParser.parse(HEADER
                + "TCP 0000:0000:0000:0000:0000:ffff:0a00:0001 0001 2001:0db8:0000:0000:0000:0000:0000:0001 0050 "
                + "2001:0db8:0000:0000:0000:0000:0000:0002 0050 ESTABLISHED 10\n").get(0);
        assertTrue(c.clientAddress() instanceof Inet6Address);
    }

    @Test
    void emptyTableHasOnlyTheHeader() throws IOException {
        assertEquals(List.of(), ConnectionTableParser.parse(HEADER));
    }

    @Test
    void missingHeaderIsAnErrorOnLine1() {
        ConnectionTableFormatException e = assertThrows(ConnectionTableFormatException.class,
                () -> ConnectionTableParser.parse("TCP 0A090102 BBA0 0A090166 0050 0A090202 0050 ESTABLISHED 899\n"));
        assertEquals(1, e.lineNumber());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "TCP 0A090102 BBA0 0A090166 0050 0A090202 0050 ESTABLISHED",
        "TCP 0A0901 BBA0 0A090166 0050 0A090202 0050 ESTABLISHED 899",
        "TCP 0A090102 BBA0G 0A090166 0050 0A090202 0050 ESTABLISHED 899",
        "TCP 0A090102 BBA0 0A090166 10050 0A090202 0050 ESTABLISHED 899",
        "TCP 0A090102 BBA0 2001:db8:::1::2 0050 0A090202 0050 ESTABLISHED 899",
        "TCP 0A090102 BBA0 0A090166 0050 host.example 0050 ESTABLISHED 899",
        "TCP 0A090102 BBA0 0A090166 0050 0A090202 0050 ESTABLISHED -1",
        "TCP 0A090102 BBA0 0A090166 0050 0A090202 0050 ESTABLISHED 99999999999999999999",
    })
    void malformedLineIsATypedErrorWithItsLineNumber(String line) {
        ConnectionTableFormatException e = assertThrows(ConnectionTableFormatException.class,
                () -> ConnectionTableParser.parse(HEADER
                        + "TCP 0A090102 BBA0 0A090166 0050 0A090202 0050 ESTABLISHED     899\n" + line + "\n"));
        assertEquals(3, e.lineNumber());
        assertEquals(line, e.line());
        assertTrue(e.getMessage().startsWith("ip_vs_conn line 3: "), e.getMessage());
    }

    private static InetAddress ip(String text) throws IOException {
        return InetAddress.getByName(text);
    }
}
