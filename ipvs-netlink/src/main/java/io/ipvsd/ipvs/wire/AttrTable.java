package io.ipvsd.ipvs.wire;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.nio.ByteBuffer;

/**
 * One level of attributes indexed by type, the way the kernel's nla_parse sees them: a later
 * duplicate replaces an earlier one, and types above the level's maximum are skipped (a newer
 * kernel may send attributes we do not know). Every getter checks the attribute's width, so a
 * malformed reply becomes a {@link NetlinkProtocolException} naming what was decoded.
 *
 * <p>A dump decodes a table per service and per destination: the table keeps where each value
 * lies in the received bytes (no copy of any attribute), the getters read them in place, and the
 * error label is built only on error, so decoding allocates little.
 */
public final class AttrTable {
    private final AttrTable parent;
    private final String what;
    /** The bytes the attributes lie in, host order, read at absolute indexes. */
    private final ByteBuffer source;
    /**
     * Per type, where its value starts in {@link #source}; its length is in the attribute's header
     * just before it, so one int per type is all a table keeps (a dump makes three tables per real
     * server). A value starts after its 4-byte header, never at 0, so 0 (a new array's content)
     * means absent.
     */
    private final int[] starts;

    private AttrTable(AttrTable parent, String what, ByteBuffer source, int[] starts) {
        this.parent = parent;
        this.what = what;
        this.source = source;
        this.starts = starts;
    }

    /** Reads the attributes from the reader's position to its end. */
    public static AttrTable parse(AttrReader reader, int maxType, String what) throws NetlinkProtocolException {
        return parse(null, reader, maxType, what);
    }

    private static AttrTable parse(AttrTable parent, AttrReader reader, int maxType, String what)
            throws NetlinkProtocolException {
        int[] starts = new int[maxType + 1];
        while (reader.next()) {
            if (reader.type() <= maxType) {
                starts[reader.type()] = reader.valueOffset();
            }
        }
        try {
            reader.check(what);
        } catch (NetlinkProtocolException e) {
            throw parent == null ? e : new NetlinkProtocolException(parent.label() + " > " + e.getMessage());
        }
        return new AttrTable(parent, what, reader.buffer(), starts);
    }

    /** The attributes nested in attribute {@code type}, which must be present. */
    public AttrTable nested(int type, int maxType, String nestedWhat) throws NetlinkProtocolException {
        int start = require(type);
        return parse(this, AttrReader.within(source, start, length(start)), maxType, nestedWhat);
    }

    public boolean has(int type) {
        return type < starts.length && starts[type] > 0;
    }

    public int u8(int type) throws NetlinkProtocolException {
        return Byte.toUnsignedInt(source.get(sized(type, 1)));
    }

    public int u16(int type) throws NetlinkProtocolException {
        return Short.toUnsignedInt(source.getShort(sized(type, 2)));
    }

    public long u32(int type) throws NetlinkProtocolException {
        return Integer.toUnsignedLong(source.getInt(sized(type, 4)));
    }

    public long u64(int type) throws NetlinkProtocolException {
        return source.getLong(sized(type, 8));
    }

    public int be16(int type) throws NetlinkProtocolException {
        return Short.toUnsignedInt(AttrReader.bigEndian(source.getShort(sized(type, 2))));
    }

    public long be32(int type) throws NetlinkProtocolException {
        return Integer.toUnsignedLong(AttrReader.bigEndian(source.getInt(sized(type, 4))));
    }

    /** A u32 the kernel keeps in an int that it never lets go negative (weights, timeouts, ids). */
    public int nonNegativeInt(int type) throws NetlinkProtocolException {
        long v = u32(type);
        if (v > Integer.MAX_VALUE) {
            throw invalid("attribute " + type + " is " + (int) v + ", negative as the kernel's int");
        }
        return (int) v;
    }

    /** A copy of the raw value, which must be exactly {@code length} bytes. */
    public byte[] bytes(int type, int length) throws NetlinkProtocolException {
        return leadingBytes(type, length, length);
    }

    /** A copy of the first {@code count} bytes of a value that must be exactly {@code length} bytes. */
    public byte[] leadingBytes(int type, int length, int count) throws NetlinkProtocolException {
        byte[] b = new byte[count];
        source.get(sized(type, length), b);
        return b;
    }

    /** A string attribute up to its first NUL. */
    public String string(int type) throws NetlinkProtocolException {
        int start = require(type);
        return AttrReader.string(source, start, length(start));
    }

    /** A failure of this table's content that the getters cannot see, e.g. an unknown enum value. */
    public NetlinkProtocolException invalid(String problem) {
        return new NetlinkProtocolException(label() + ": " + problem);
    }

    /** "service > service attributes > stats64". */
    private String label() {
        return parent == null ? what : parent.label() + " > " + what;
    }

    /** @return where the value starts in {@link #source} */
    private int require(int type) throws NetlinkProtocolException {
        if (!has(type)) {
            throw invalid("attribute " + type + " is missing");
        }
        return starts[type];
    }

    /** The length of the value at {@code start}: its attribute's nla_len less the header. */
    private int length(int start) {
        return Short.toUnsignedInt(source.getShort(start - Netlink.ATTR_HEADER_LENGTH)) - Netlink.ATTR_HEADER_LENGTH;
    }

    private int sized(int type, int length) throws NetlinkProtocolException {
        int start = require(type);
        if (length(start) != length) {
            throw invalid("attribute " + type + " has " + length(start) + " bytes, expected " + length);
        }
        return start;
    }
}
