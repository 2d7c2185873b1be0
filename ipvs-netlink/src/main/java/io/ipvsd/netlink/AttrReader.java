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

    /**
     * Host order; the attributes lie in [{@link #cursor}, {@link #end}) and every value is read in
     * place, at absolute indexes: a dump walks millions of attributes, and a nested walk shares its
     * parent's buffer instead of slicing it.
     */
    private final ByteBuffer buf;
    private final int end;
    private int cursor;
    private int type = -1;
    private int valueStart;
    private int valueLength;
    private String firstError;

    private AttrReader(ByteBuffer hostOrder, int start, int end) {
        this.buf = hostOrder;
        this.cursor = start;
        this.end = end;
    }

    /** Reads attributes from the buffer's position to its limit. */
    public static AttrReader of(ByteBuffer attributes) {
        ByteBuffer b = attributes.order() == ByteOrder.nativeOrder() ? attributes
                : attributes.duplicate().order(ByteOrder.nativeOrder());
        return new AttrReader(b, b.position(), b.limit());
    }

    /** Reads attributes of a message payload, after a fixed family header of {@code headerLength} bytes. */
    public static AttrReader afterHeader(NetlinkMessage message, int headerLength) {
        if (message.payloadLength() < headerLength) {
            AttrReader r = new AttrReader(ByteBuffer.allocate(0), 0, 0);
            r.fail("payload of " + message.payloadLength() + " bytes is shorter than its " + headerLength
                    + "-byte header");
            return r;
        }
        return message.attributesAfter(headerLength);
    }

    /** Advances to the next attribute; false at the end or after an error. */
    public boolean next() {
        if (firstError != null || end - cursor < Netlink.ATTR_HEADER_LENGTH) {
            if (firstError == null && cursor < end) {
                fail(end - cursor + " stray bytes after the last attribute");
            }
            return false;
        }
        int start = cursor;
        int len = Short.toUnsignedInt(buf.getShort(start));
        int rawType = Short.toUnsignedInt(buf.getShort(start + 2));
        if (len < Netlink.ATTR_HEADER_LENGTH || len > end - start) {
            fail("attribute " + (rawType & Netlink.NLA_TYPE_MASK) + " has length " + len + " but "
                    + (end - start) + " bytes remain");
            return false;
        }
        type = rawType & Netlink.NLA_TYPE_MASK;
        valueStart = start + Netlink.ATTR_HEADER_LENGTH;
        valueLength = len - Netlink.ATTR_HEADER_LENGTH;
        cursor = Math.min(end, start + Netlink.align(len));
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

    /** The buffer the attributes lie in, in host order; read it at absolute indexes only. */
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
        return within(buf, valueStart, valueLength);
    }

    /**
     * A reader over {@code length} bytes of {@code hostOrder} from index {@code start}, without a
     * slice: its {@link #valueOffset()}s are indexes into that same buffer.
     */
    public static AttrReader within(ByteBuffer hostOrder, int start, int length) {
        return new AttrReader(hostOrder, start, start + length);
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
