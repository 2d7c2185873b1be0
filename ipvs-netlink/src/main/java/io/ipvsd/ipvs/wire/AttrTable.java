package io.ipvsd.ipvs.wire;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One level of attributes indexed by type, the way the kernel's nla_parse sees them: a later
 * duplicate replaces an earlier one, and types above the level's maximum are skipped (a newer
 * kernel may send attributes we do not know). Every getter checks the attribute's width, so a
 * malformed reply becomes a {@link NetlinkProtocolException} naming what was decoded.
 *
 * <p>A dump decodes a table per service and per destination: the getters read the bytes in place
 * and the error label is built only on error, so decoding allocates little.
 */
public final class AttrTable {
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final AttrTable parent;
    private final String what;
    private final byte[][] values;

    private AttrTable(AttrTable parent, String what, byte[][] values) {
        this.parent = parent;
        this.what = what;
        this.values = values;
    }

    /** Reads the attributes from the reader's position to its end. */
    public static AttrTable parse(AttrReader reader, int maxType, String what) throws NetlinkProtocolException {
        return parse(null, reader, maxType, what);
    }

    private static AttrTable parse(AttrTable parent, AttrReader reader, int maxType, String what)
            throws NetlinkProtocolException {
        byte[][] values = new byte[maxType + 1][];
        while (reader.next()) {
            if (reader.type() <= maxType) {
                values[reader.type()] = reader.bytes();
            }
        }
        try {
            reader.check(what);
        } catch (NetlinkProtocolException e) {
            throw parent == null ? e : new NetlinkProtocolException(parent.label() + " > " + e.getMessage());
        }
        return new AttrTable(parent, what, values);
    }

    /** The attributes nested in attribute {@code type}, which must be present. */
    public AttrTable nested(int type, int maxType, String nestedWhat) throws NetlinkProtocolException {
        return parse(this, AttrReader.of(ByteBuffer.wrap(require(type))), maxType, nestedWhat);
    }

    public boolean has(int type) {
        return type < values.length && values[type] != null;
    }

    public int u8(int type) throws NetlinkProtocolException {
        return Byte.toUnsignedInt(sized(type, 1)[0]);
    }

    public int u16(int type) throws NetlinkProtocolException {
        return Short.toUnsignedInt((short) U16.get(sized(type, 2), 0));
    }

    public long u32(int type) throws NetlinkProtocolException {
        return Integer.toUnsignedLong((int) U32.get(sized(type, 4), 0));
    }

    public long u64(int type) throws NetlinkProtocolException {
        return (long) U64.get(sized(type, 8), 0);
    }

    public int be16(int type) throws NetlinkProtocolException {
        return Short.toUnsignedInt((short) BE16.get(sized(type, 2), 0));
    }

    public long be32(int type) throws NetlinkProtocolException {
        return Integer.toUnsignedLong((int) BE32.get(sized(type, 4), 0));
    }

    /** A u32 the kernel keeps in an int that it never lets go negative (weights, timeouts, ids). */
    public int nonNegativeInt(int type) throws NetlinkProtocolException {
        long v = u32(type);
        if (v > Integer.MAX_VALUE) {
            throw invalid("attribute " + type + " is " + (int) v + ", negative as the kernel's int");
        }
        return (int) v;
    }

    /** The raw value, which must be exactly {@code length} bytes. */
    public byte[] bytes(int type, int length) throws NetlinkProtocolException {
        return sized(type, length).clone();
    }

    /** A string attribute up to its first NUL. */
    public String string(int type) throws NetlinkProtocolException {
        byte[] b = require(type);
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    /** A failure of this table's content that the getters cannot see, e.g. an unknown enum value. */
    public NetlinkProtocolException invalid(String problem) {
        return new NetlinkProtocolException(label() + ": " + problem);
    }

    /** "service > service attributes > stats64". */
    private String label() {
        return parent == null ? what : parent.label() + " > " + what;
    }

    private byte[] require(int type) throws NetlinkProtocolException {
        if (!has(type)) {
            throw invalid("attribute " + type + " is missing");
        }
        return values[type];
    }

    private byte[] sized(int type, int length) throws NetlinkProtocolException {
        byte[] b = require(type);
        if (b.length != length) {
            throw invalid("attribute " + type + " has " + b.length + " bytes, expected " + length);
        }
        return b;
    }
}
