package io.ipvsd.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AttrCodecTest {

    @Test
    void writesTypeLengthValueAlignedToFourBytes() {
        byte[] b = new AttrWriter().string(1, "wlc").u16(2, 0x1234).be16(3, 80).toBytes();
        // len=8 type=1 "wlc\0" | len=6 type=2 34 12 pad pad | len=6 type=3 00 50 pad pad  (little-endian host)
        assertEquals("08000100776c6300" + "0600020034120000" + "0600030000500000", HexFormat.of().formatHex(b));
    }

    @Test
    void nestedAttributesCarryTheNestedFlagAndRoundTrip() throws Exception {
        byte[] b = new AttrWriter().nested(1, w -> w.u32(2, 0xfffffffeL).u64(3, -1L).flag(4).be32(5, 0x0a000001L))
                .toBytes();
        assertEquals(0x8001, ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder()).getShort(2) & 0xffff);
        AttrReader outer = AttrReader.of(ByteBuffer.wrap(b));
        assertTrue(outer.next());
        assertEquals(1, outer.type());
        AttrReader in = outer.nested();
        assertTrue(in.next());
        assertEquals(0xfffffffeL, in.u32());
        assertTrue(in.next());
        assertEquals(-1L, in.u64());
        assertTrue(in.next());
        assertEquals(0, in.length());
        assertTrue(in.next());
        assertEquals(0x0a000001L, in.be32());
        assertFalse(in.next());
        in.check("nested");
        assertFalse(outer.next());
        outer.check("outer");
    }

    @Test
    void aNestedWalkStopsAtItsAttributesEndAndTheOuterWalkStartsAtThePosition() throws Exception {
        byte[] attrs = new AttrWriter().nested(1, w -> w.u32(2, 7)).u16(3, 9).toBytes();
        byte[] b = new byte[4 + attrs.length];
        System.arraycopy(attrs, 0, b, 4, attrs.length);
        // Nested readers share the outer buffer; the nest's end, not the buffer's, must stop them.
        AttrReader outer = AttrReader.of(ByteBuffer.wrap(b).position(4));
        assertTrue(outer.next());
        AttrReader in = outer.nested();
        assertTrue(in.next());
        assertEquals(2, in.type());
        assertEquals(7, in.u32());
        assertFalse(in.next());
        in.check("nested");
        assertTrue(outer.next());
        assertEquals(3, outer.type());
        assertEquals(9, outer.u16());
        assertFalse(outer.next());
        outer.check("outer");
    }

    @Test
    void writerKeepsTheFirstErrorAndReportsItAtTheEnd() {
        AttrWriter w = new AttrWriter().bytes(7, new byte[70_000]).fail("second").u8(1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, w::toBytes);
        assertEquals("attribute 7 is 70004 bytes, more than netlink's 65535", e.getMessage());
    }

    @Test
    void errorsInsideANestKeepTheirOwnMessage() {
        AttrWriter w = new AttrWriter().nested(1, in -> in.fail("bad address"));
        assertEquals("bad address", assertThrows(IllegalArgumentException.class, w::toBytes).getMessage());
    }

    @Test
    void truncatedAttributeIsAProtocolError() {
        byte[] b = new AttrWriter().u32(1, 5).toBytes();
        AttrReader r = AttrReader.of(ByteBuffer.wrap(b, 0, 6));
        assertFalse(r.next());
        NetlinkProtocolException e = assertThrows(NetlinkProtocolException.class, () -> r.check("service"));
        assertEquals("service: attribute 1 has length 8 but 6 bytes remain", e.getMessage());
    }

    @Test
    void wrongWidthIsAProtocolErrorNotAnException() {
        byte[] b = new AttrWriter().u16(1, 5).toBytes();
        AttrReader r = AttrReader.of(ByteBuffer.wrap(b));
        assertTrue(r.next());
        assertEquals(0, r.u32());
        assertThrows(NetlinkProtocolException.class, () -> r.check("x"));
    }

    @Test
    void stringStopsAtTheFirstNul() {
        byte[] b = new AttrWriter().bytes(1, new byte[] {'r', 'r', 0, 'x'}).toBytes();
        AttrReader r = AttrReader.of(ByteBuffer.wrap(b));
        assertTrue(r.next());
        assertEquals("rr", r.string());
        assertArrayEquals(new byte[] {'r', 'r', 0, 'x'}, r.bytes());
    }

    @Test
    void messagesFrameAndUnframe() throws Exception {
        NetlinkMessage a = new NetlinkMessage(16, 5, 7, 0, new byte[] {1, 2, 3});
        NetlinkMessage b = new NetlinkMessage(17, 1, 8, 0, new byte[0]);
        byte[] d = NetlinkMessage.encodeAll(java.util.List.of(a, b));
        assertEquals(20 + 16, d.length);
        assertEquals(java.util.List.of(a, b), NetlinkMessage.decodeAll(ByteBuffer.wrap(d)));
    }

    @Test
    void aMessageAfterTheFirstReadsItsOwnPayloadInPlace() throws Exception {
        byte[] attrs = new AttrWriter().u32(1, 42).toBytes();
        byte[] withHeader = new byte[4 + attrs.length];
        System.arraycopy(attrs, 0, withHeader, 4, attrs.length);
        NetlinkMessage first = new NetlinkMessage(16, 0, 1, 0, new byte[] {9, 9, 9, 9, 9});
        NetlinkMessage second = new NetlinkMessage(17, 0, 2, 0, withHeader);
        java.util.List<NetlinkMessage> got = NetlinkMessage.decodeAll(ByteBuffer.wrap(
                NetlinkMessage.encodeAll(java.util.List.of(first, second))));
        NetlinkMessage m = got.get(1);
        // Offsets are the message's own, not the datagram's: index 0 is its payload's first byte.
        assertEquals(0, m.payloadBuffer().get(0));
        assertEquals(withHeader.length, m.payloadBuffer().remaining());
        assertArrayEquals(withHeader, m.payload());
        AttrReader r = AttrReader.afterHeader(m, 4);
        assertTrue(r.next());
        assertEquals(42, r.u32());
        assertFalse(r.next());
        r.check("second");
        assertEquals(second.hashCode(), m.hashCode());
    }

    @Test
    void aLengthRunningPastTheDatagramIsRejected() {
        byte[] d = new NetlinkMessage(16, 0, 1, 0, new byte[8]).encode();
        d[0] = 100;
        assertThrows(NetlinkProtocolException.class, () -> NetlinkMessage.decodeAll(ByteBuffer.wrap(d)));
    }
}
