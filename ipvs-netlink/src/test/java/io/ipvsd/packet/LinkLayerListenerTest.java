package io.ipvsd.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.netlink.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ARP listeners between two namespaces joined by a veth pair. */
class LinkLayerListenerTest {
    private static final int ARP = 0x0806;
    private static final byte[] MAC_A = hex("02000000000a");
    private static final byte[] MAC_B = hex("02000000000b");

    private VethLab lab;

    @BeforeEach
    void setUp() throws Exception {
        lab = VethLab.create();
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    private static long in(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** A gratuitous ARP request from {@code mac} for 192.0.2.98, as VRRP sends on becoming master. */
    private static byte[] garp(byte[] mac) {
        byte[] vip = {(byte) 192, 0, 2, 98};
        return ByteBuffer.allocate(42).put(hex("ffffffffffff")).put(mac).putShort((short) ARP)
                .put(hex("0001080006040001")).put(mac).put(vip).put(hex("ffffffffffff")).put(vip).array();
    }

    @Test
    void aGratuitousArpFromThePeerArrivesWhole() throws Exception {
        byte[] garp = garp(MAC_A);
        try (LinkLayerListener rx = PacketSockets.listenLinkIn(lab.pathB(), "vb", ARP);
             LinkLayerSocket tx = PacketSockets.openLinkIn(lab.pathA(), "va", ARP)) {
            tx.send(garp);
            assertArrayEquals(garp, rx.receive(in(2000)));
        }
    }

    @Test
    void theKernelsArpRequestFromThePeerArrives() throws Exception {
        try (LinkLayerListener rx = PacketSockets.listenLinkIn(lab.pathB(), "vb", ARP)) {
            lab.inA("ping", "-c", "1", "-W", "2", "192.0.2.2");
            byte[] frame = rx.receive(in(2000));
            // Broadcast from va's MAC: who has 192.0.2.2, tell 192.0.2.1.
            assertArrayEquals(hex("ffffffffffff" + "02000000000a" + "0806" + "0001080006040001" + "02000000000a" + "c0000201"),
                    Arrays.copyOf(frame, 32));
            assertArrayEquals(hex("c0000202"), Arrays.copyOfRange(frame, 38, 42));
            assertEquals(42, frame.length);
        }
    }

    @Test
    void framesThisHostSendsOnTheInterfaceAreNotDelivered() throws Exception {
        try (LinkLayerListener sameSide = PacketSockets.listenLinkIn(lab.pathA(), "va", ARP);
             LinkLayerListener peer = PacketSockets.listenLinkIn(lab.pathB(), "vb", ARP);
             LinkLayerSocket tx = PacketSockets.openLinkIn(lab.pathA(), "va", ARP)) {
            tx.send(garp(MAC_A));
            assertArrayEquals(garp(MAC_A), peer.receive(in(2000)), "the frame went out");
            assertNull(sameSide.receive(in(300)));
        }
    }

    @Test
    void framesArrivingOnAnotherInterfaceAreNotDelivered() throws Exception {
        lab.inB("ip", "link", "add", "vc", "type", "veth", "peer", "name", "vd");
        lab.inB("ip", "link", "set", "vc", "up");
        lab.inB("ip", "link", "set", "vd", "up");
        try (LinkLayerListener onVb = PacketSockets.listenLinkIn(lab.pathB(), "vb", ARP);
             LinkLayerListener onVd = PacketSockets.listenLinkIn(lab.pathB(), "vd", ARP);
             LinkLayerSocket tx = PacketSockets.openLinkIn(lab.pathB(), "vc", ARP)) {
            tx.send(garp(MAC_B));
            assertArrayEquals(garp(MAC_B), onVd.receive(in(2000)), "the frame arrived on vd");
            assertNull(onVb.receive(in(300)));
        }
    }

    @Test
    void aFrameLongerThan2KibIsCutTo2Kib() throws Exception {
        lab.inA("ip", "link", "set", "va", "mtu", "4000");
        lab.inB("ip", "link", "set", "vb", "mtu", "4000");
        byte[] frame = new byte[3000];
        ByteBuffer.wrap(frame).put(MAC_B).put(MAC_A).putShort((short) ARP);
        for (int i = 14; i < frame.length; i++) {
            frame[i] = (byte) i;
        }
        try (LinkLayerListener rx = PacketSockets.listenLinkIn(lab.pathB(), "vb", ARP);
             LinkLayerSocket tx = PacketSockets.openLinkIn(lab.pathA(), "va", ARP)) {
            tx.send(frame);
            assertArrayEquals(Arrays.copyOf(frame, 2048), rx.receive(in(2000)));
        }
    }

    @Test
    void theInterfaceGoingDownAndUpDoesNotEndTheListener() throws Exception {
        try (LinkLayerListener rx = PacketSockets.listenLinkIn(lab.pathB(), "vb", ARP);
             LinkLayerSocket tx = PacketSockets.openLinkIn(lab.pathA(), "va", ARP)) {
            lab.inB("ip", "link", "set", "vb", "down");
            assertNull(rx.receive(in(300)), "ENETDOWN is no error");
            lab.inB("ip", "link", "set", "vb", "up");
            tx.send(garp(MAC_A));
            assertArrayEquals(garp(MAC_A), rx.receive(in(2000)));
        }
    }

    @Test
    void receiveReturnsNullAtTheDeadline() throws Exception {
        try (LinkLayerListener rx = PacketSockets.listenLinkIn(lab.pathB(), "vb", ARP)) {
            long start = System.nanoTime();
            assertNull(rx.receive(start + TimeUnit.MILLISECONDS.toNanos(450)));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 449 && waited < 2000, "waited " + waited + " ms");
        }
    }

    @Test
    void closeWakesABlockedReceiveAndIsSafeTwice() throws Exception {
        LinkLayerListener rx = PacketSockets.listenLinkIn(lab.pathB(), "vb", ARP);
        CompletableFuture<byte[]> waiting = CompletableFuture.supplyAsync(() -> {
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
        assertEquals("packet listener (ethertype 0x0806) on vb is closed", e.getCause().getCause().getMessage());
        rx.close();
        assertThrows(IOException.class, () -> rx.receive(in(100)));
    }

    @Test
    void aMissingInterfaceOrABadEthertypeIsRefused() {
        PacketSocketException e = assertThrows(PacketSocketException.class,
                () -> PacketSockets.listenLinkIn(lab.pathA(), "nosuch0", ARP));
        assertEquals(Errno.ENODEV, e.errno());
        assertEquals("if_nametoindex(nosuch0)", e.op());
        // Checked before any socket is opened (in the test's own namespace: callIn would wrap it).
        assertThrows(IllegalArgumentException.class, () -> PacketSockets.listenLink("lo", 0x05ff));
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
