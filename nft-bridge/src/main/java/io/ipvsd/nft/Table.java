package io.ipvsd.nft;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;

/** An nf_tables table as the kernel reports it (NFTA_TABLE_*). */
public record Table(String name, int flags, long handle) {
    /** The table exists but its chains are not hooked: no rule runs. */
    public static final int F_DORMANT = 0x1;

    static final int NFTA_TABLE_NAME = 1;
    static final int NFTA_TABLE_FLAGS = 2;
    static final int NFTA_TABLE_HANDLE = 4;

    public void write(AttrWriter w) {
        w.string(NFTA_TABLE_NAME, name).be32(NFTA_TABLE_FLAGS, flags);
        if (handle != 0) {
            w.be64(NFTA_TABLE_HANDLE, handle);
        }
    }

    public static Table decode(NetlinkMessage m) throws NetlinkProtocolException {
        AttrReader r = NfTables.attributes(m);
        String name = null;
        int flags = 0;
        long handle = 0;
        while (r.next()) {
            switch (r.type()) {
                case NFTA_TABLE_NAME -> name = r.string();
                case NFTA_TABLE_FLAGS -> flags = (int) r.be32();
                case NFTA_TABLE_HANDLE -> handle = r.be64();
                default -> { }
            }
        }
        r.check("decode table");
        if (name == null) {
            throw new NetlinkProtocolException("decode table: no name");
        }
        return new Table(name, flags, handle);
    }
}
