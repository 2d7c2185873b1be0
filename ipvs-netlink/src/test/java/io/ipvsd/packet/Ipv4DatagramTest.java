package io.ipvsd.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The IPv4 header reader on bytes, and the socket options' checks. */
class Ipv4DatagramTest {
    /** A captured keepalived advert: TOS 0xc0, TTL 255, protocol 112, 192.0.2.21 -> 224.0.0.18. */
    private static final byte[] CAPTURED = HexFormat.of().parseHex(
            "45c00028" + "00010000" + "ff70" + "0000" + "c0000215" + "e0000012" + "216264010101c3eec00002623032363030303039");

    private static String reason(byte[] datagram) {
        return assertInstanceOf(MalformedPacket.class, Ipv4Datagram.parse(datagram)).reason();
    }

    @Test
    void readsAddressesTtlAndPayload() throws Exception {
        assertEquals(new ReceivedPacket(InetAddress.getByName("192.0.2.21"), InetAddress.getByName("224.0.0.18"), 255,
                Arrays.copyOfRange(CAPTURED, 20, 40)), Ipv4Datagram.parse(CAPTURED));
    }

    @Test
    void skipsHeaderOptions() throws Exception {
        byte[] withOption = new byte[44];
        System.arraycopy(CAPTURED, 0, withOption, 0, 20);
        System.arraycopy(CAPTURED, 20, withOption, 24, 20);
        withOption[0] = 0x46; // IHL 6: one 4-byte option (router alert 94040000)
        withOption[3] = 44;
        System.arraycopy(HexFormat.of().parseHex("94040000"), 0, withOption, 20, 4);
        ReceivedPacket p = (ReceivedPacket) Ipv4Datagram.parse(withOption);
        assertEquals(HexFormat.of().formatHex(Arrays.copyOfRange(CAPTURED, 20, 40)), HexFormat.of().formatHex(p.payload()));
    }

    @Test
    void aBadHeaderIsMalformedNotAnException() {
        assertEquals("IPv4 datagram of 19 bytes is shorter than a 20-byte header", reason(Arrays.copyOf(CAPTURED, 19)));
        byte[] v6 = CAPTURED.clone();
        v6[0] = 0x65;
        assertEquals("IP version 6 in a raw IPv4 socket", reason(v6));
        byte[] shortIhl = CAPTURED.clone();
        shortIhl[0] = 0x44;
        assertEquals("IPv4 header length 16 is less than 20", reason(shortIhl));
        assertEquals("IPv4 total length 40 does not fit a datagram of 30 bytes with a 20-byte header",
                reason(Arrays.copyOf(CAPTURED, 30)));
        byte[] longIhl = CAPTURED.clone();
        longIhl[0] = 0x4f; // 60-byte header in a 40-byte datagram
        assertEquals("IPv4 total length 40 does not fit a datagram of 40 bytes with a 60-byte header", reason(longIhl));
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(112);
        for (int i = 0; i < 10_000; i++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            Received r = Ipv4Datagram.parse(garbage);
            if (r instanceof ReceivedPacket p) {
                assertEquals(4, (garbage[0] & 0xff) >>> 4);
                assertEquals(((garbage[2] & 0xff) << 8 | (garbage[3] & 0xff)) - (garbage[0] & 0x0f) * 4, p.payload().length);
            }
        }
    }

    @Test
    void optionsRefuseWhatTheKernelWouldRefuseOrMisread() throws Exception {
        InetAddress group4 = InetAddress.getByName("224.0.0.18");
        assertThrows(IllegalArgumentException.class, () -> new IpSocketOptions(false, 112, "eth0", null, List.of(), 255, 0, 6));
        assertThrows(IllegalArgumentException.class, () -> new IpSocketOptions(true, 112, "eth0", null, List.of(), 255, 0, 7));
        assertThrows(IllegalArgumentException.class, () -> new IpSocketOptions(true, 58, "eth0", null, List.of(), 255, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new IpSocketOptions(true, 112, "eth0", null, List.of(group4), 255, 0, 6));
        assertThrows(IllegalArgumentException.class,
                () -> new IpSocketOptions(false, 112, "eth0", null, List.of(InetAddress.getByName("192.0.2.1")), 255, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new IpSocketOptions(false, 255, "eth0", null, List.of(), 255, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new IpSocketOptions(false, 112, "a-name-of-16-byt", null, List.of(), 255, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new IpSocketOptions(false, 112, "eth0", null, List.of(), 0, 0, -1));
    }
}
