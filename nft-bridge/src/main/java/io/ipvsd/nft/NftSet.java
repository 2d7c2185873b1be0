package io.ipvsd.nft;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;

/**
 * An nf_tables set (NFTA_SET_*), without its elements.
 *
 * @param keyType nft's datatype number of the key (kept for `nft list`; the kernel ignores it)
 * @param id      batch-local id that lets rules in the same batch refer to a new set; 0 if none
 * @param size    expected number of elements (NFTA_SET_DESC_SIZE); 0 if not given
 */
public record NftSet(String table, String name, long handle, int flags, int keyType, int keyLength, int id, int size) {
    public static final int F_ANONYMOUS = 0x1;
    public static final int F_CONSTANT = 0x2;
    public static final int F_INTERVAL = 0x4;

    /** nft's datatype numbers (enum datatypes in nft's datatype.h). */
    public static final int TYPE_IPV4_ADDR = 7;
    public static final int TYPE_IPV6_ADDR = 8;
    public static final int TYPE_ETHER_ADDR = 9;
    public static final int TYPE_INET_PROTO = 12;
    public static final int TYPE_INET_SERVICE = 13;

    /** The name nft sends for a new anonymous set; the kernel replaces %d with a number. */
    public static final String ANONYMOUS_NAME = "__set%d";

    static final int NFTA_SET_TABLE = 1;
    static final int NFTA_SET_NAME = 2;
    static final int NFTA_SET_FLAGS = 3;
    static final int NFTA_SET_KEY_TYPE = 4;
    static final int NFTA_SET_KEY_LEN = 5;
    static final int NFTA_SET_DESC = 9;
    static final int NFTA_SET_ID = 10;
    static final int NFTA_SET_HANDLE = 16;
    static final int NFTA_SET_DESC_SIZE = 1;

    public boolean anonymous() {
        return (flags & F_ANONYMOUS) != 0;
    }

    public NftSet withNameAndId(String newName, int newId) {
        return new NftSet(table, newName, handle, flags, keyType, keyLength, newId, size);
    }

    public void write(AttrWriter w) {
        w.string(NFTA_SET_TABLE, table).string(NFTA_SET_NAME, name);
        if (handle != 0) {
            w.be64(NFTA_SET_HANDLE, handle);
        }
        w.be32(NFTA_SET_FLAGS, flags).be32(NFTA_SET_KEY_TYPE, keyType).be32(NFTA_SET_KEY_LEN, keyLength);
        if (id != 0) {
            w.be32(NFTA_SET_ID, id);
        }
        if (size != 0) {
            w.nested(NFTA_SET_DESC, d -> d.be32(NFTA_SET_DESC_SIZE, size));
        }
    }

    public static NftSet decode(NetlinkMessage m) throws NetlinkProtocolException {
        AttrReader r = NfTables.attributes(m);
        String table = null;
        String name = null;
        long handle = 0;
        int flags = 0;
        int keyType = 0;
        int keyLength = 0;
        int id = 0;
        int size = 0;
        while (r.next()) {
            switch (r.type()) {
                case NFTA_SET_TABLE -> table = r.string();
                case NFTA_SET_NAME -> name = r.string();
                case NFTA_SET_HANDLE -> handle = r.be64();
                case NFTA_SET_FLAGS -> flags = (int) r.be32();
                case NFTA_SET_KEY_TYPE -> keyType = (int) r.be32();
                case NFTA_SET_KEY_LEN -> keyLength = (int) r.be32();
                case NFTA_SET_ID -> id = (int) r.be32();
                case NFTA_SET_DESC -> size = decodeSize(r.nested());
                default -> { }
            }
        }
        r.check("decode set");
        if (table == null || name == null) {
            throw new NetlinkProtocolException("decode set: no table or name");
        }
        return new NftSet(table, name, handle, flags, keyType, keyLength, id, size);
    }

    private static int decodeSize(AttrReader r) throws NetlinkProtocolException {
        int size = 0;
        while (r.next()) {
            if (r.type() == NFTA_SET_DESC_SIZE) {
                size = (int) r.be32();
            }
        }
        r.check("decode set description");
        return size;
    }
}
