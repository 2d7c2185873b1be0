package io.ipvsd.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Builds a run of netlink attributes (type-length-value, 4-byte aligned). Integers are written in
 * host order unless the method says "be" (network order). The first encoding error is kept and
 * reported by {@link #toBytes()}, so call sites can write a whole message without checking each
 * call.
 */
public final class AttrWriter {
    private static final int MAX_ATTR_LENGTH = 0xffff;

    private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    private String firstError;

    /** Raw bytes before the attributes, e.g. a genetlink or nfgenmsg header. */
    public AttrWriter header(byte[] bytes) {
        ensure(Netlink.align(bytes.length));
        buf.put(bytes);
        pad();
        return this;
    }

    public AttrWriter u8(int type, int value) {
        return put(type, new byte[] {(byte) value});
    }

    public AttrWriter u16(int type, int value) {
        return put(type, order(2, ByteOrder.nativeOrder()).putShort((short) value).array());
    }

    public AttrWriter u32(int type, long value) {
        return put(type, order(4, ByteOrder.nativeOrder()).putInt((int) value).array());
    }

    public AttrWriter u64(int type, long value) {
        return put(type, order(8, ByteOrder.nativeOrder()).putLong(value).array());
    }

    public AttrWriter be16(int type, int value) {
        return put(type, order(2, ByteOrder.BIG_ENDIAN).putShort((short) value).array());
    }

    public AttrWriter be32(int type, long value) {
        return put(type, order(4, ByteOrder.BIG_ENDIAN).putInt((int) value).array());
    }

    public AttrWriter be64(int type, long value) {
        return put(type, order(8, ByteOrder.BIG_ENDIAN).putLong(value).array());
    }

    /** A NUL-terminated string, the form the kernel's NLA_NUL_STRING / NLA_STRING accept. */
    public AttrWriter string(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        return put(type, Arrays.copyOf(s, s.length + 1));
    }

    public AttrWriter bytes(int type, byte[] value) {
        return put(type, value);
    }

    public AttrWriter flag(int type) {
        return put(type, new byte[0]);
    }

    /** A nested attribute (NLA_F_NESTED set) whose body the consumer writes. */
    public AttrWriter nested(int type, Consumer<AttrWriter> body) {
        AttrWriter inner = new AttrWriter();
        body.accept(inner);
        if (inner.firstError != null) {
            fail(inner.firstError);
            return this;
        }
        return put(type | Netlink.NLA_F_NESTED, inner.rawBytes());
    }

    /** Records an error found by the caller (e.g. an invalid value), keeping only the first. */
    public AttrWriter fail(String error) {
        if (firstError == null) {
            firstError = error;
        }
        return this;
    }

    /** The encoded attributes; throws the first error met while writing. */
    public byte[] toBytes() {
        if (firstError != null) {
            throw new IllegalArgumentException(firstError);
        }
        return rawBytes();
    }

    private byte[] rawBytes() {
        return Arrays.copyOf(buf.array(), buf.position());
    }

    private AttrWriter put(int type, byte[] value) {
        int len = Netlink.ATTR_HEADER_LENGTH + value.length;
        if (len > MAX_ATTR_LENGTH) {
            return fail("attribute " + (type & Netlink.NLA_TYPE_MASK) + " is " + len + " bytes, more than netlink's 65535");
        }
        ensure(Netlink.align(len));
        buf.putShort((short) len);
        buf.putShort((short) type);
        buf.put(value);
        pad();
        return this;
    }

    private void pad() {
        while ((buf.position() & 3) != 0) {
            buf.put((byte) 0);
        }
    }

    private void ensure(int more) {
        if (buf.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more))
                    .order(ByteOrder.nativeOrder());
            bigger.put(buf.array(), 0, buf.position());
            buf = bigger;
        }
    }

    private static ByteBuffer order(int size, ByteOrder order) {
        return ByteBuffer.allocate(size).order(order);
    }
}
