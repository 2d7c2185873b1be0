package io.ipvsd.rtnl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rtnetlink codec on bytes, without a socket. */
class RtnlCodecTest {

    private static byte[] ifaddrmsg(int family, int prefix, int index) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                .put((byte) family).put((byte) prefix).put((byte) 0).put((byte) 0).putInt(index).array();
    }

    private static byte[] ifinfomsg(int index, int flags) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4, index).putInt(8, flags).array();
    }

    @Test
    void encodesAnIpv4AddWithLocalAddressAndLabel() throws Exception {
        NetlinkMessage m = RtnlCodec.newAddress(new InterfaceAddress(3, InetAddress.getByName("192.0.2.98"), 24, "eth0:1"));
        assertEquals(RtnlCodec.RTM_NEWADDR, m.type());
        assertEquals(Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, m.flags());
        byte[] expected = new AttrWriter().header(ifaddrmsg(2, 24, 3))
                .bytes(2, new byte[] {(byte) 192, 0, 2, 98}).bytes(1, new byte[] {(byte) 192, 0, 2, 98})
                .string(3, "eth0:1").toBytes();
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(m.payload()));
    }

    @Test
    void encodesAnIpv6AddWithNodadInHeaderAndAttribute() throws Exception {
        NetlinkMessage m = RtnlCodec.newAddress(new InterfaceAddress(3, InetAddress.getByName("2001:db8::98"), 64, null));
        byte[] p = m.payload();
        assertEquals(10, p[0]);
        assertEquals(64, p[1]);
        assertEquals(0x02, p[2]);
        byte[] tail = Arrays.copyOfRange(p, p.length - 8, p.length);
        assertArrayEquals(new AttrWriter().u32(8, 0x02).toBytes(), tail);
    }

    @Test
    void decodesAnAddressSkippingUnknownAttributes() throws Exception {
        byte[] payload = new AttrWriter().header(ifaddrmsg(2, 24, 5))
                .bytes(1, new byte[] {(byte) 192, 0, 2, 1}).bytes(2, new byte[] {(byte) 192, 0, 2, 1})
                .u32(200, 7).string(3, "eth0").toBytes();
        Optional<InterfaceAddress> a = RtnlCodec.decodeAddress(NetlinkMessage.request(RtnlCodec.RTM_NEWADDR, 0, payload));
        assertEquals(Optional.of(new InterfaceAddress(5, InetAddress.getByName("192.0.2.1"), 24, "eth0")), a);
    }

    @Test
    void aTruncatedAttributeIsAProtocolError() {
        byte[] good = new AttrWriter().header(ifaddrmsg(2, 24, 5)).bytes(2, new byte[] {(byte) 192, 0, 2, 1}).toBytes();
        byte[] cut = Arrays.copyOf(good, good.length - 2);
        NetlinkProtocolException e = assertThrows(NetlinkProtocolException.class,
                () -> RtnlCodec.decodeAddress(NetlinkMessage.request(RtnlCodec.RTM_NEWADDR, 0, cut)));
        assertTrue(e.getMessage().startsWith("decode address: attribute 2 has length 8"), e.getMessage());
    }

    @Test
    void anAddressOfTheWrongWidthIsAProtocolError() {
        byte[] payload = new AttrWriter().header(ifaddrmsg(10, 64, 5)).bytes(1, new byte[4]).toBytes();
        NetlinkProtocolException e = assertThrows(NetlinkProtocolException.class,
                () -> RtnlCodec.decodeAddress(NetlinkMessage.request(RtnlCodec.RTM_NEWADDR, 0, payload)));
        assertEquals("decode address: interface 5 has an address of 4 bytes, expected 16", e.getMessage());
    }

    @Test
    void aLinkNeedsUpAndRunningToBeUp() throws Exception {
        byte[] mac = {2, 0, 0, 0, 0, 1};
        byte[] upOnly = new AttrWriter().header(ifinfomsg(4, 0x1)).string(3, "eth1").bytes(1, mac).toBytes();
        byte[] upRunning = new AttrWriter().header(ifinfomsg(4, 0x41)).string(3, "eth1").bytes(1, mac).toBytes();
        assertEquals(new Link(4, "eth1", mac, false), RtnlCodec.decodeLink(NetlinkMessage.request(RtnlCodec.RTM_NEWLINK, 0, upOnly)));
        assertEquals(new Link(4, "eth1", mac, true), RtnlCodec.decodeLink(NetlinkMessage.request(RtnlCodec.RTM_NEWLINK, 0, upRunning)));
        byte[] noName = new AttrWriter().header(ifinfomsg(4, 0x41)).toBytes();
        assertThrows(NetlinkProtocolException.class,
                () -> RtnlCodec.decodeLink(NetlinkMessage.request(RtnlCodec.RTM_NEWLINK, 0, noName)));
    }
}
