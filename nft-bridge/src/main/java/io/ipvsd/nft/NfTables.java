package io.ipvsd.nft;

import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.NetlinkMessage;
import java.util.function.Consumer;

/**
 * nf_tables over nfnetlink: message types (enum nf_tables_msg_types), the 4-byte nfgenmsg
 * header, and batch framing (linux/netfilter/nfnetlink.h). Public for test fixtures that speak
 * the same protocol; the daemon does not need it.
 */
public final class NfTables {
    public static final int NFNL_SUBSYS_NFTABLES = 10;
    public static final int NFNL_MSG_BATCH_BEGIN = 16;
    public static final int NFNL_MSG_BATCH_END = 17;
    public static final int NFNL_BATCH_GENID = 1;

    public static final int NFPROTO_UNSPEC = 0;
    /** The inet family: one table for IPv4 and IPv6. */
    public static final int NFPROTO_INET = 1;

    public static final int NEWTABLE = 0;
    public static final int GETTABLE = 1;
    public static final int DELTABLE = 2;
    public static final int NEWCHAIN = 3;
    public static final int GETCHAIN = 4;
    public static final int DELCHAIN = 5;
    public static final int NEWRULE = 6;
    public static final int GETRULE = 7;
    public static final int DELRULE = 8;
    public static final int NEWSET = 9;
    public static final int GETSET = 10;
    public static final int DELSET = 11;
    public static final int NEWSETELEM = 12;
    public static final int GETSETELEM = 13;
    public static final int DELSETELEM = 14;
    public static final int NEWGEN = 15;
    public static final int GETGEN = 16;

    public static final int NFTA_GEN_ID = 1;

    /** struct nfgenmsg is 4 bytes: family, version, big-endian resource id. */
    public static final int HEADER_LENGTH = 4;

    private NfTables() {
    }

    /** The netlink message type of an nf_tables message. */
    public static int type(int msg) {
        return NFNL_SUBSYS_NFTABLES << 8 | msg;
    }

    /** The nf_tables message of a netlink type, or -1 for another subsystem's. */
    public static int msg(int type) {
        return type >>> 8 == NFNL_SUBSYS_NFTABLES ? type & 0xff : -1;
    }

    public static byte[] header(int family, int resId) {
        return new byte[] {(byte) family, 0, (byte) (resId >>> 8), (byte) resId};
    }

    /** An inet-family nf_tables message (flags without NLM_F_REQUEST, which the sender adds). */
    public static NetlinkMessage message(int msg, int flags, Consumer<AttrWriter> attrs) {
        return message(NFPROTO_INET, msg, flags, attrs);
    }

    /** An nf_tables message of {@code family}; NFPROTO_UNSPEC in a dump asks for every family. */
    public static NetlinkMessage message(int family, int msg, int flags, Consumer<AttrWriter> attrs) {
        AttrWriter w = new AttrWriter().header(header(family, 0));
        attrs.accept(w);
        return NetlinkMessage.request(type(msg), flags, w.toBytes());
    }

    public static AttrReader attributes(NetlinkMessage m) {
        return AttrReader.afterHeader(m, HEADER_LENGTH);
    }
}
