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
    private static final boolean BIG_ENDIAN_HOST = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    /** Host order; the current value is read in place, at absolute indexes (a dump walks millions). */
    private final ByteBuffer buf;
    private int type = -1;
    private int valueStart;
    private int valueLength;
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
        valueStart = start + Netlink.ATTR_HEADER_LENGTH;
        valueLength = len - Netlink.ATTR_HEADER_LENGTH;
        buf.position(Math.min(buf.limit(), start + Netlink.align(len)));
        return true;
    }

    /** The current attribute's type, without the nested / byte-order flag bits. */
    public int type() {
        return type;
    }

    public int length() {
        return valueLength;
    }

    /**
     * The current value's index in {@link #buffer()}: for decoders that keep where each attribute
     * lies instead of copying it.
     */
    public int valueOffset() {
        return valueStart;
    }

    /** What this reader walks, in host order; read it at absolute indexes only. */
    public ByteBuffer buffer() {
        return buf;
    }

    public int u8() {
        return width(1) ? Byte.toUnsignedInt(buf.get(valueStart)) : 0;
    }

    public int u16() {
        return width(2) ? Short.toUnsignedInt(buf.getShort(valueStart)) : 0;
    }

    public long u32() {
        return width(4) ? Integer.toUnsignedLong(buf.getInt(valueStart)) : 0;
    }

    public long u64() {
        return width(8) ? buf.getLong(valueStart) : 0;
    }

    public int be16() {
        return width(2) ? Short.toUnsignedInt(bigEndian(buf.getShort(valueStart))) : 0;
    }

    public long be32() {
        return width(4) ? Integer.toUnsignedLong(bigEndian(buf.getInt(valueStart))) : 0;
    }

    public long be64() {
        return width(8) ? bigEndian(buf.getLong(valueStart)) : 0;
    }

    /** A value read in host order, as it would read in network order. */
    public static short bigEndian(short hostOrder) {
        return BIG_ENDIAN_HOST ? hostOrder : Short.reverseBytes(hostOrder);
    }

    public static int bigEndian(int hostOrder) {
        return BIG_ENDIAN_HOST ? hostOrder : Integer.reverseBytes(hostOrder);
    }

    public static long bigEndian(long hostOrder) {
        return BIG_ENDIAN_HOST ? hostOrder : Long.reverseBytes(hostOrder);
    }

    /** A string attribute, up to its first NUL. */
    public String string() {
        return string(buf, valueStart, valueLength);
    }

    /** The string at {@code start} of {@code b}, up to its first NUL or {@code length} bytes. */
    public static String string(ByteBuffer b, int start, int length) {
        int end = 0;
        while (end < length && b.get(start + end) != 0) {
            end++;
        }
        byte[] text = new byte[end];
        b.get(start, text);
        return new String(text, StandardCharsets.UTF_8);
    }

    public byte[] bytes() {
        byte[] b = new byte[valueLength];
        buf.get(valueStart, b);
        return b;
    }

    /** A reader over the current attribute's body; its errors are its own (check them too). */
    public AttrReader nested() {
        return new AttrReader(buf.slice(valueStart, valueLength));
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
        if (valueLength != expected) {
            fail("attribute " + type + " has " + valueLength + " bytes, expected " + expected);
            return false;
        }
        return true;
    }
}
