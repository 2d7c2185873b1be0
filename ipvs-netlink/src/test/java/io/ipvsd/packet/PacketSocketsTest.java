package io.ipvsd.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.netlink.Errno;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw sockets between two namespaces joined by a veth pair. */
class PacketSocketsTest {
    private static final int VRRP = 112;
    private static final int ICMPV6 = 58;
    /** A VRRPv2 advert as keepalived sends it (VRID 98, priority 100, 192.0.2.98, PASS 02600009). */
    private static final byte[] ADVERT = hex("216264010101c3eec00002623032363030303039");

    private VethLab lab;

    @BeforeEach
    void setUp() throws Exception {
        lab = VethLab.create();
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    private static InetAddress ip(String literal) throws IOException {
        return InetAddress.getByName(literal);
    }

    private static long in(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void aMulticastAdvertArrivesWithSourceGroupAndTtl255() throws Exception {
        try (IpPacketSocket rx = PacketSockets.openIpIn(lab.pathB(),
                     new IpSocketOptions(false, VRRP, "vb", null, List.of(ip("224.0.0.18")), 255, 0xc0, -1));
             IpPacketSocket sameSide = PacketSockets.openIpIn(lab.pathA(),
                     new IpSocketOptions(false, VRRP, "va", null, List.of(ip("224.0.0.18")), 255, 0xc0, -1));
             IpPacketSocket tx = PacketSockets.openIpIn(lab.pathA(),
                     new IpSocketOptions(false, VRRP, "va", ip("192.0.2.1"), List.of(), 255, 0xc0, -1))) {
            tx.send(ADVERT, ip("224.0.0.18"));
            assertEquals(new ReceivedPacket(ip("192.0.2.1"), ip("224.0.0.18"), 255, ADVERT), rx.receive(in(2000)));
            // Multicast loop is off: a member of the group on the sender's side does not get our own advert.
            assertNull(sameSide.receive(in(200)));
        }
    }

    @Test
    void aUnicastAdvertReachesThePeer() throws Exception {
        try (IpPacketSocket rx = PacketSockets.openIpIn(lab.pathB(),
                     new IpSocketOptions(false, VRRP, "vb", ip("192.0.2.2"), List.of(), 255, 0xc0, -1));
             IpPacketSocket tx = PacketSockets.openIpIn(lab.pathA(),
                     new IpSocketOptions(false, VRRP, "va", null, List.of(), 255, 0xc0, -1))) {
            tx.send(ADVERT, ip("192.0.2.2"));
            assertEquals(new ReceivedPacket(ip("192.0.2.1"), ip("192.0.2.2"), 255, ADVERT), rx.receive(in(3000)));
        }
    }

    @Test
    void anIpv6AdvertToFf02_12CarriesHopLimitDestinationAndKernelChecksum() throws Exception {
        // VRRPv3: version 3 type 1, VRID 98, priority 100, 1 address, interval 100 cs, checksum 0, fe80::a.
        byte[] advert = hex("316264010064" + "0000" + "fe80000000000000000000000000000a");
        try (IpPacketSocket rx = PacketSockets.openIpIn(lab.pathB(),
                     new IpSocketOptions(true, VRRP, "vb", null, List.of(ip("ff02::12")), 255, 0xc0, 6));
             IpPacketSocket tx = PacketSockets.openIpIn(lab.pathA(),
                     new IpSocketOptions(true, VRRP, "va", ip("fe80::a"), List.of(), 255, 0xc0, 6))) {
            tx.send(advert, ip("ff02::12"));
            ReceivedPacket p = (ReceivedPacket) rx.receive(in(2000));
            assertEquals(ip("fe80::a"), p.source());
            assertEquals(ip("ff02::12"), p.destination());
            assertEquals(255, p.ttl());
            byte[] got = p.payload();
            assertEquals(0xffff, pseudoHeaderSum(ip("fe80::a"), ip("ff02::12"), VRRP, got), "checksum filled by the kernel");
            got[6] = 0;
            got[7] = 0;
            assertArrayEquals(advert, got);
        }
    }

    @Test
    void anUnsolicitedNeighbourAdvertisementGoesOutWithAKernelChecksum() throws Exception {
        // ICMPv6 type 136, override flag, target fe80::a, target link-layer address option.
        byte[] na = hex("88000000" + "20000000" + "fe80000000000000000000000000000a" + "0201" + "02000000000a");
        try (IpPacketSocket rx = PacketSockets.openIpIn(lab.pathB(),
                     new IpSocketOptions(true, ICMPV6, "vb", null, List.of(), 255, 0, -1));
             IpPacketSocket tx = PacketSockets.openIpIn(lab.pathA(),
                     new IpSocketOptions(true, ICMPV6, "va", ip("fe80::a"), List.of(), 255, 0, -1))) {
            tx.send(na, ip("ff02::1"));
            long deadline = in(3000);
            ReceivedPacket p;
            do { // the namespace's own ICMPv6 (MLD reports, router solicitations) comes too
                p = (ReceivedPacket) rx.receive(deadline);
            } while (p != null && (p.payload()[0] & 0xff) != 136);
            assertEquals(ip("fe80::a"), p.source());
            assertEquals(ip("ff02::1"), p.destination());
            assertEquals(255, p.ttl());
            assertEquals(0xffff, pseudoHeaderSum(ip("fe80::a"), ip("ff02::1"), ICMPV6, p.payload()));
            byte[] got = p.payload();
            got[2] = 0;
            got[3] = 0;
            assertArrayEquals(na, got);
        }
    }

    @Test
    void aGratuitousArpMovesThePeersNeighbourEntry() throws Exception {
        lab.inB("ip", "neigh", "add", "192.0.2.98", "lladdr", "02:00:00:00:00:99", "dev", "vb", "nud", "stale");
        byte[] mac = hex("02000000000a");
        byte[] vip = {(byte) 192, 0, 2, 98};
        byte[] garp = ByteBuffer.allocate(42).put(hex("ffffffffffff")).put(mac).putShort((short) 0x0806)
                .put(hex("0001080006040001")).put(mac).put(vip).put(hex("ffffffffffff")).put(vip).array();
        try (LinkLayerSocket s = PacketSockets.openLinkIn(lab.pathA(), "va", 0x0806)) {
            s.send(garp);
        }
        long deadline = in(3000);
        String neigh;
        do {
            neigh = lab.inB("ip", "neigh", "show", "192.0.2.98", "dev", "vb");
        } while (!neigh.contains(VethLab.MAC_A) && System.nanoTime() - deadline < 0);
        assertTrue(neigh.contains(VethLab.MAC_A), neigh);
    }

    @Test
    void closeWakesABlockedReceiveAndIsSafeTwice() throws Exception {
        IpPacketSocket rx = PacketSockets.openIpIn(lab.pathB(),
                new IpSocketOptions(false, VRRP, "vb", null, List.of(ip("224.0.0.18")), 255, 0xc0, -1));
        CompletableFuture<Received> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return rx.receive(in(30_000));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(300);
        long closedAt = System.nanoTime();
        rx.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(2, TimeUnit.SECONDS));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt);
        assertTrue(tookMillis < 1000, "receive returned " + tookMillis + " ms after close");
        assertEquals("raw IPv4 protocol 112 socket on vb is closed", e.getCause().getCause().getMessage());
        rx.close();
        assertThrows(IOException.class, () -> rx.send(ADVERT, ip("224.0.0.18")));

        LinkLayerSocket link = PacketSockets.openLinkIn(lab.pathA(), "va", 0x0806);
        link.close();
        link.close();
        assertThrows(IOException.class, () -> link.send(new byte[60]));
    }

    @Test
    void receiveReturnsNullAtTheDeadline() throws Exception {
        try (IpPacketSocket rx = PacketSockets.openIpIn(lab.pathB(),
                new IpSocketOptions(false, VRRP, "vb", null, List.of(ip("224.0.0.18")), 255, 0xc0, -1))) {
            long start = System.nanoTime();
            assertNull(rx.receive(start + TimeUnit.MILLISECONDS.toNanos(450)));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 449 && waited < 2000, "waited " + waited + " ms");
        }
    }

    @Test
    void aMissingInterfaceIsAnErrorNamingIt() {
        PacketSocketException e = assertThrows(PacketSocketException.class, () -> PacketSockets.openIpIn(lab.pathA(),
                new IpSocketOptions(false, VRRP, "nosuch0", null, List.of(), 255, 0, -1)));
        assertEquals(Errno.ENODEV, e.errno());
        assertEquals("if_nametoindex(nosuch0)", e.op());
        PacketSocketException link = assertThrows(PacketSocketException.class,
                () -> PacketSockets.openLinkIn(lab.pathA(), "nosuch0", 0x0806));
        assertEquals(Errno.ENODEV, link.errno());
    }

    @Test
    void aRefusedSendIsAnIoExceptionNamingSocketAndDestination() throws Exception {
        try (IpPacketSocket tx = PacketSockets.openIpIn(lab.pathA(),
                new IpSocketOptions(false, VRRP, "va", null, List.of(), 255, 0, -1))) {
            PacketSocketException e = assertThrows(PacketSocketException.class, () -> tx.send(new byte[70_000], ip("192.0.2.2")));
            assertEquals(Errno.EMSGSIZE, e.errno());
            assertEquals("sendto(raw IPv4 protocol 112 socket on va, 192.0.2.2): EMSGSIZE (Message too long)", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> tx.send(ADVERT, ip("ff02::12")));
        }
    }

    /** The one's-complement sum over the IPv6 pseudo-header and the payload: 0xffff when the checksum is right. */
    private static int pseudoHeaderSum(InetAddress source, InetAddress destination, int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length + 1);
        b.put(source.getAddress()).put(destination.getAddress()).putInt(payload.length).putInt(protocol).put(payload);
        long sum = 0;
        for (int i = 0; i + 1 < b.capacity(); i += 2) {
            sum += ((b.get(i) & 0xff) << 8) | (b.get(i + 1) & 0xff);
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
