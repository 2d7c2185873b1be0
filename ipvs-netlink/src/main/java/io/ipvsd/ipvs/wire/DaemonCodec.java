package io.ipvsd.ipvs.wire;

import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_ATTR_DAEMON;
import static io.ipvsd.ipvs.wire.IpvsGenl.DAEMON_ATTR_MCAST_GROUP;
import static io.ipvsd.ipvs.wire.IpvsGenl.DAEMON_ATTR_MCAST_GROUP6;
import static io.ipvsd.ipvs.wire.IpvsGenl.DAEMON_ATTR_MCAST_IFN;
import static io.ipvsd.ipvs.wire.IpvsGenl.DAEMON_ATTR_MCAST_PORT;
import static io.ipvsd.ipvs.wire.IpvsGenl.DAEMON_ATTR_MCAST_TTL;
import static io.ipvsd.ipvs.wire.IpvsGenl.DAEMON_ATTR_STATE;
import static io.ipvsd.ipvs.wire.IpvsGenl.DAEMON_ATTR_SYNC_ID;
import static io.ipvsd.ipvs.wire.IpvsGenl.DAEMON_ATTR_SYNC_MAXLEN;

import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.SyncState;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPVS_CMD_ATTR_DAEMON. Unlike most of IPVS, the multicast port and the maximum length travel in
 * host order; the IPv4 group in network order.
 */
public final class DaemonCodec {
    private DaemonCodec() {
    }

    /** Start request: what ipvsadm sends, the optional values only when set. */
    public static void encode(AttrWriter w, SyncDaemon d) {
        w.nested(CMD_ATTR_DAEMON, n -> {
            n.u32(DAEMON_ATTR_STATE, d.state().value())
                    .string(DAEMON_ATTR_MCAST_IFN, d.interfaceName())
                    .u32(DAEMON_ATTR_SYNC_ID, d.syncId());
            if (d.maxLength() != 0) {
                n.u16(DAEMON_ATTR_SYNC_MAXLEN, d.maxLength());
            }
            if (d.port() != 0) {
                n.u16(DAEMON_ATTR_MCAST_PORT, d.port());
            }
            if (d.ttl() != 0) {
                n.u8(DAEMON_ATTR_MCAST_TTL, d.ttl());
            }
            if (d.group() instanceof Inet4Address) {
                n.bytes(DAEMON_ATTR_MCAST_GROUP, d.group().getAddress());
            } else if (d.group() != null) {
                n.bytes(DAEMON_ATTR_MCAST_GROUP6, d.group().getAddress());
            }
        });
    }

    /** Stop request: the kernel reads only the state. */
    public static void encodeState(AttrWriter w, SyncState state) {
        w.nested(CMD_ATTR_DAEMON, n -> n.u32(DAEMON_ATTR_STATE, state.value()));
    }

    public static SyncDaemon decode(AttrTable d) throws NetlinkProtocolException {
        SyncState state;
        try {
            state = SyncState.fromValue(d.u32(DAEMON_ATTR_STATE));
        } catch (IllegalArgumentException e) {
            throw d.invalid(e.getMessage());
        }
        InetAddress group = null;
        try {
            if (d.has(DAEMON_ATTR_MCAST_GROUP)) {
                group = InetAddress.getByAddress(d.bytes(DAEMON_ATTR_MCAST_GROUP, 4));
            } else if (d.has(DAEMON_ATTR_MCAST_GROUP6)) {
                group = InetAddress.getByAddress(d.bytes(DAEMON_ATTR_MCAST_GROUP6, 16));
            }
        } catch (UnknownHostException e) {
            throw d.invalid(e.getMessage()); // not reached: the lengths are checked
        }
        return new SyncDaemon(state, d.string(DAEMON_ATTR_MCAST_IFN), d.nonNegativeInt(DAEMON_ATTR_SYNC_ID),
                d.has(DAEMON_ATTR_SYNC_MAXLEN) ? d.u16(DAEMON_ATTR_SYNC_MAXLEN) : 0, group,
                d.has(DAEMON_ATTR_MCAST_PORT) ? d.u16(DAEMON_ATTR_MCAST_PORT) : 0,
                d.has(DAEMON_ATTR_MCAST_TTL) ? d.u8(DAEMON_ATTR_MCAST_TTL) : 0);
    }
}
