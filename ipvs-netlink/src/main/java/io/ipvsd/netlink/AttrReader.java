package io.ipvsd.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Walks a run of netlink attributes. Typical use:
 * <pre>
 * AttrReader r = AttrReader.of(buffer);
 * while (r.next()) {
 *     switch (r.type()) { case A_PORT -&gt; port = r.be16(); ... }
 * }
 * r.check("decode service");
 * </pre>
 * A value read with the wrong width, or a truncated attribute, is recorded as the first error and
 * stops the walk; {@link #check(String)} turns it into a {@link NetlinkProtocolException}.
 */
public final class AttrReader {
    private final ByteBuffer buf;
    private int type = -1;
    private ByteBuffer value;
    private String firstError;

    private AttrReader(ByteBuffer buf) {
        this.buf = buf.slice().order(ByteOrder.nativeOrder());
    }

    /** Reads attributes from the buffer's position to its limit. */
    public static AttrReader of(ByteBuffer attributes) {
        return new AttrReader(attributes);
    }

    /** Reads attributes of a message payload, after a fixed family header of {@code headerLength} bytes. */
    public static AttrReader afterHeader(NetlinkMessage message, int headerLength) {
        ByteBuffer b = message.payloadBuffer();
        if (b.remaining() < headerLength) {
            AttrReader r = new AttrReader(ByteBuffer.allocate(0));
            r.fail("payload of " + b.remaining() + " bytes is shorter than its " + headerLength + "-byte header");
            return r;
        }
        b.position(headerLength);
        return new AttrReader(b);
    }

    /** Advances to the next attribute; false at the end or after an error. */
    public boolean next() {
        if (firstError != null || buf.remaining() < Netlink.ATTR_HEADER_LENGTH) {
            if (firstError == null && buf.hasRemaining()) {
                fail(buf.remaining() + " stray bytes after the last attribute");
            }
            return false;
        }
        int start = buf.position();
        int len = Short.toUnsignedInt(buf.getShort());
        int rawType = Short.toUnsignedInt(buf.getShort());
        if (len < Netlink.ATTR_HEADER_LENGTH || start + len > buf.limit()) {
            fail("attribute " + (rawType & Netlink.NLA_TYPE_MASK) + " has length " + len + " but "
                    + (buf.limit() - start) + " bytes remain");
            return false;
        }
        type = rawType & Netlink.NLA_TYPE_MASK;
        value = buf.slice(start + Netlink.ATTR_HEADER_LENGTH, len - Netlink.ATTR_HEADER_LENGTH)
                .order(ByteOrder.nativeOrder());
        buf.position(Math.min(buf.limit(), start + Netlink.align(len)));
        return true;
    }

    /** The current attribute's type, without the nested / byte-order flag bits. */
    public int type() {
        return type;
    }

    public int length() {
        return value.remaining();
    }

    public int u8() {
        return width(1) ? Byte.toUnsignedInt(value.get(0)) : 0;
    }

    public int u16() {
        return width(2) ? Short.toUnsignedInt(value.getShort(0)) : 0;
    }

    public long u32() {
        return width(4) ? Integer.toUnsignedLong(value.getInt(0)) : 0;
    }

    public long u64() {
        return width(8) ? value.getLong(0) : 0;
    }

    public int be16() {
        return width(2) ? Short.toUnsignedInt(value.duplicate().order(ByteOrder.BIG_ENDIAN).getShort(0)) : 0;
    }

    public long be32() {
        return width(4) ? Integer.toUnsignedLong(value.duplicate().order(ByteOrder.BIG_ENDIAN).getInt(0)) : 0;
    }

    public long be64() {
        return width(8) ? value.duplicate().order(ByteOrder.BIG_ENDIAN).getLong(0) : 0;
    }

    /** A string attribute, up to its first NUL. */
    public String string() {
        byte[] b = bytes();
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    public byte[] bytes() {
        byte[] b = new byte[value.remaining()];
        value.duplicate().get(b);
        return b;
    }

    /** A reader over the current attribute's body; its errors are its own (check them too). */
    public AttrReader nested() {
        return new AttrReader(value.duplicate());
    }

    public void fail(String error) {
        if (firstError == null) {
            firstError = error;
        }
    }

    /** Throws the first error met, naming what was being decoded. */
    public void check(String what) throws NetlinkProtocolException {
        if (firstError != null) {
            throw new NetlinkProtocolException(what + ": " + firstError);
        }
    }

    private boolean width(int expected) {
        if (value.remaining() != expected) {
            fail("attribute " + type + " has " + value.remaining() + " bytes, expected " + expected);
            return false;
        }
        return true;
    }
}
