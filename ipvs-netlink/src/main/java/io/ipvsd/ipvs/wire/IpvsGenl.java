package io.ipvsd.ipvs.wire;

/**
 * The IPVS generic netlink family as include/uapi/linux/ip_vs.h defines it: commands, attribute
 * numbers of each nesting level, and sizes. The one place these numbers are written.
 */
public final class IpvsGenl {
    private IpvsGenl() {
    }

    public static final String FAMILY_NAME = "IPVS";
    public static final int VERSION = 1;

    // Commands (IPVS_CMD_*).
    public static final int CMD_NEW_SERVICE = 1;
    public static final int CMD_SET_SERVICE = 2;
    public static final int CMD_DEL_SERVICE = 3;
    public static final int CMD_GET_SERVICE = 4;
    public static final int CMD_NEW_DEST = 5;
    public static final int CMD_SET_DEST = 6;
    public static final int CMD_DEL_DEST = 7;
    public static final int CMD_GET_DEST = 8;
    public static final int CMD_NEW_DAEMON = 9;
    public static final int CMD_DEL_DAEMON = 10;
    public static final int CMD_GET_DAEMON = 11;
    public static final int CMD_SET_CONFIG = 12;
    public static final int CMD_GET_CONFIG = 13;
    /** Only the command of GET_INFO's reply. */
    public static final int CMD_SET_INFO = 14;
    public static final int CMD_GET_INFO = 15;
    public static final int CMD_ZERO = 16;
    public static final int CMD_FLUSH = 17;

    // First-level attributes (IPVS_CMD_ATTR_*).
    public static final int CMD_ATTR_SERVICE = 1;
    public static final int CMD_ATTR_DEST = 2;
    public static final int CMD_ATTR_DAEMON = 3;
    public static final int CMD_ATTR_TIMEOUT_TCP = 4;
    public static final int CMD_ATTR_TIMEOUT_TCP_FIN = 5;
    public static final int CMD_ATTR_TIMEOUT_UDP = 6;
    public static final int CMD_ATTR_MAX = 6;

    // Inside CMD_ATTR_SERVICE (IPVS_SVC_ATTR_*).
    public static final int SVC_ATTR_AF = 1;
    public static final int SVC_ATTR_PROTOCOL = 2;
    public static final int SVC_ATTR_ADDR = 3;
    public static final int SVC_ATTR_PORT = 4;
    public static final int SVC_ATTR_FWMARK = 5;
    public static final int SVC_ATTR_SCHED_NAME = 6;
    /** struct ip_vs_flags { u32 flags; u32 mask; } */
    public static final int SVC_ATTR_FLAGS = 7;
    public static final int SVC_ATTR_TIMEOUT = 8;
    public static final int SVC_ATTR_NETMASK = 9;
    public static final int SVC_ATTR_STATS = 10;
    public static final int SVC_ATTR_PE_NAME = 11;
    public static final int SVC_ATTR_STATS64 = 12;
    public static final int SVC_ATTR_MAX = 12;

    // Inside CMD_ATTR_DEST (IPVS_DEST_ATTR_*).
    public static final int DEST_ATTR_ADDR = 1;
    public static final int DEST_ATTR_PORT = 2;
    public static final int DEST_ATTR_FWD_METHOD = 3;
    public static final int DEST_ATTR_WEIGHT = 4;
    public static final int DEST_ATTR_U_THRESH = 5;
    public static final int DEST_ATTR_L_THRESH = 6;
    public static final int DEST_ATTR_ACTIVE_CONNS = 7;
    public static final int DEST_ATTR_INACT_CONNS = 8;
    public static final int DEST_ATTR_PERSIST_CONNS = 9;
    public static final int DEST_ATTR_STATS = 10;
    public static final int DEST_ATTR_ADDR_FAMILY = 11;
    public static final int DEST_ATTR_STATS64 = 12;
    public static final int DEST_ATTR_TUN_TYPE = 13;
    public static final int DEST_ATTR_TUN_PORT = 14;
    public static final int DEST_ATTR_TUN_FLAGS = 15;
    public static final int DEST_ATTR_MAX = 15;

    // Inside CMD_ATTR_DAEMON (IPVS_DAEMON_ATTR_*).
    public static final int DAEMON_ATTR_STATE = 1;
    public static final int DAEMON_ATTR_MCAST_IFN = 2;
    public static final int DAEMON_ATTR_SYNC_ID = 3;
    public static final int DAEMON_ATTR_SYNC_MAXLEN = 4;
    public static final int DAEMON_ATTR_MCAST_GROUP = 5;
    public static final int DAEMON_ATTR_MCAST_GROUP6 = 6;
    public static final int DAEMON_ATTR_MCAST_PORT = 7;
    public static final int DAEMON_ATTR_MCAST_TTL = 8;
    public static final int DAEMON_ATTR_MAX = 8;

    // Inside SVC_ATTR_STATS(64) and DEST_ATTR_STATS(64) (IPVS_STATS_ATTR_*).
    public static final int STATS_ATTR_CONNS = 1;
    public static final int STATS_ATTR_INPKTS = 2;
    public static final int STATS_ATTR_OUTPKTS = 3;
    public static final int STATS_ATTR_INBYTES = 4;
    public static final int STATS_ATTR_OUTBYTES = 5;
    public static final int STATS_ATTR_CPS = 6;
    public static final int STATS_ATTR_INPPS = 7;
    public static final int STATS_ATTR_OUTPPS = 8;
    public static final int STATS_ATTR_INBPS = 9;
    public static final int STATS_ATTR_OUTBPS = 10;
    public static final int STATS_ATTR_MAX = 11;

    // In the reply to GET_INFO (IPVS_INFO_ATTR_*).
    public static final int INFO_ATTR_VERSION = 1;
    public static final int INFO_ATTR_CONN_TAB_SIZE = 2;
    public static final int INFO_ATTR_MAX = 2;

    /** Addresses travel as union nf_inet_addr: 16 bytes, an IPv4 address in the first 4. */
    public static final int ADDR_LENGTH = 16;
    /** IP_VS_SCHEDNAME_MAXLEN, IP_VS_PENAME_MAXLEN, IP_VS_IFNAME_MAXLEN: 16 with the NUL. */
    public static final int NAME_MAX_CHARS = 15;
}
