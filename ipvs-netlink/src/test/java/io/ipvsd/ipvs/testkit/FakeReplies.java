package io.ipvsd.ipvs.testkit;

import static io.ipvsd.ipvs.wire.IpvsGenl.*;

import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceFlags;
import io.ipvsd.ipvs.Stats;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.ipvs.Tunnel;
import io.ipvsd.netlink.AttrWriter;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The fake kernel's answers, attribute for attribute in the order ip_vs_ctl.c writes them
 * (checked against replies captured from the 6.1 kernel). Written apart from the client's
 * encoders on purpose: a shared mistake would pass unnoticed.
 */
final class FakeReplies {
    private FakeReplies() {
    }

    static void service(AttrWriter w, Service s) {
        service(w, s, s.key() instanceof AddressServiceKey a ? a.protocol().number() : 0);
    }

    /** A service as a kernel reports it with any protocol number (genl takes any; ipvsadm only 3). */
    static void service(AttrWriter w, Service s, int protocol) {
        w.nested(CMD_ATTR_SERVICE, n -> {
            n.u16(SVC_ATTR_AF, s.key().family().value());
            if (s.key() instanceof FwmarkServiceKey f) {
                n.u32(SVC_ATTR_FWMARK, f.fwmark());
            } else if (s.key() instanceof AddressServiceKey a) {
                n.u16(SVC_ATTR_PROTOCOL, protocol)
                        .bytes(SVC_ATTR_ADDR, Arrays.copyOf(a.address().getAddress(), 16))
                        .be16(SVC_ATTR_PORT, a.port());
            }
            n.string(SVC_ATTR_SCHED_NAME, s.settings().scheduler());
            if (s.settings().peName() != null) {
                n.string(SVC_ATTR_PE_NAME, s.settings().peName());
            }
            // The kernel reports HASHED on every service it holds, and a full mask.
            n.bytes(SVC_ATTR_FLAGS, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                    .putInt(s.settings().flags() | ServiceFlags.HASHED).putInt(-1).array());
            n.u32(SVC_ATTR_TIMEOUT, s.settings().timeout());
            if (s.key().family() == AddressFamily.INET) {
                n.be32(SVC_ATTR_NETMASK, s.settings().netmask());
            } else {
                n.u32(SVC_ATTR_NETMASK, s.settings().netmask());
            }
            stats(n, SVC_ATTR_STATS, SVC_ATTR_STATS64, s.stats());
        });
    }

    static void destination(AttrWriter w, Destination d) {
        Tunnel t = d.settings().tunnel() == null ? Tunnel.IPIP : d.settings().tunnel();
        destination(w, d, t.type().value());
    }

    /** A destination with any tunnel type number (the kernel does not bound it). */
    static void destination(AttrWriter w, Destination d, int tunnelType) {
        Tunnel t = d.settings().tunnel() == null ? Tunnel.IPIP : d.settings().tunnel();
        w.nested(CMD_ATTR_DEST, n -> {
            n.bytes(DEST_ATTR_ADDR, Arrays.copyOf(d.key().address().getAddress(), 16))
                    .be16(DEST_ATTR_PORT, d.key().port())
                    .u32(DEST_ATTR_FWD_METHOD, d.settings().method().value())
                    .u32(DEST_ATTR_WEIGHT, d.settings().weight())
                    .u8(DEST_ATTR_TUN_TYPE, tunnelType)
                    .be16(DEST_ATTR_TUN_PORT, t.port())
                    .u16(DEST_ATTR_TUN_FLAGS, t.flags())
                    .u32(DEST_ATTR_U_THRESH, d.settings().upperThreshold())
                    .u32(DEST_ATTR_L_THRESH, d.settings().lowerThreshold())
                    .u32(DEST_ATTR_ACTIVE_CONNS, d.activeConnections())
                    .u32(DEST_ATTR_INACT_CONNS, d.inactiveConnections())
                    .u32(DEST_ATTR_PERSIST_CONNS, d.persistentConnections())
                    .u16(DEST_ATTR_ADDR_FAMILY, d.family().value());
            stats(n, DEST_ATTR_STATS, DEST_ATTR_STATS64, d.stats());
        });
    }

    static void daemon(AttrWriter w, SyncDaemon d) {
        w.nested(CMD_ATTR_DAEMON, n -> {
            n.u32(DAEMON_ATTR_STATE, d.state().value())
                    .string(DAEMON_ATTR_MCAST_IFN, d.interfaceName())
                    .u32(DAEMON_ATTR_SYNC_ID, d.syncId())
                    .u16(DAEMON_ATTR_SYNC_MAXLEN, d.maxLength())
                    .u16(DAEMON_ATTR_MCAST_PORT, d.port())
                    .u8(DAEMON_ATTR_MCAST_TTL, d.ttl());
            n.bytes(d.group() instanceof Inet4Address ? DAEMON_ATTR_MCAST_GROUP : DAEMON_ATTR_MCAST_GROUP6,
                    d.group().getAddress());
        });
    }

    static void timeouts(AttrWriter w, Timeouts t) {
        w.u32(CMD_ATTR_TIMEOUT_TCP, t.tcp()).u32(CMD_ATTR_TIMEOUT_TCP_FIN, t.tcpFin()).u32(CMD_ATTR_TIMEOUT_UDP, t.udp());
    }

    /** 32-bit counters and rates in STATS (byte counts are u64 there too), all u64 in STATS64. */
    private static void stats(AttrWriter w, int stats32, int stats64, Stats s) {
        long[] v = {s.connections(), s.inPackets(), s.outPackets(), s.inBytes(), s.outBytes(),
                s.connectionRate(), s.inPacketRate(), s.outPacketRate(), s.inByteRate(), s.outByteRate()};
        w.nested(stats32, n -> {
            for (int i = 0; i < v.length; i++) {
                int type = STATS_ATTR_CONNS + i;
                if (type == STATS_ATTR_INBYTES || type == STATS_ATTR_OUTBYTES) {
                    n.u64(type, v[i]);
                } else {
                    n.u32(type, v[i]);
                }
            }
        });
        w.nested(stats64, n -> {
            for (int i = 0; i < v.length; i++) {
                n.u64(STATS_ATTR_CONNS + i, v[i]);
            }
        });
    }
}
