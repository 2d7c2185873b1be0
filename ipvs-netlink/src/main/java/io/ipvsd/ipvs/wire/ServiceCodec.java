package io.ipvsd.ipvs.wire;

import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_ATTR_SERVICE;
import static io.ipvsd.ipvs.wire.IpvsGenl.SVC_ATTR_ADDR;
import static io.ipvsd.ipvs.wire.IpvsGenl.SVC_ATTR_AF;
import static io.ipvsd.ipvs.wire.IpvsGenl.SVC_ATTR_FLAGS;
import static io.ipvsd.ipvs.wire.IpvsGenl.SVC_ATTR_FWMARK;
import static io.ipvsd.ipvs.wire.IpvsGenl.SVC_ATTR_NETMASK;
import static io.ipvsd.ipvs.wire.IpvsGenl.SVC_ATTR_PE_NAME;
import static io.ipvsd.ipvs.wire.IpvsGenl.SVC_ATTR_PORT;
import static io.ipvsd.ipvs.wire.IpvsGenl.SVC_ATTR_PROTOCOL;
import static io.ipvsd.ipvs.wire.IpvsGenl.SVC_ATTR_SCHED_NAME;
import static io.ipvsd.ipvs.wire.IpvsGenl.SVC_ATTR_STATS;
import static io.ipvsd.ipvs.wire.IpvsGenl.SVC_ATTR_STATS64;
import static io.ipvsd.ipvs.wire.IpvsGenl.SVC_ATTR_TIMEOUT;

import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.UnreadService;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * IPVS_CMD_ATTR_SERVICE: a service's identity (af + protocol/address/port, or af + fwmark) and
 * settings, in the order ipvsadm writes them.
 */
public final class ServiceCodec {
    /** Flags travel with a mask of the bits to change: all of them, as ipvsadm sends. */
    private static final int ALL_FLAGS = 0xffffffff;

    private ServiceCodec() {
    }

    /** The identity alone: what the kernel reads for delete, zero, and the destination commands. */
    public static void encodeKey(AttrWriter w, ServiceKey key) {
        w.nested(CMD_ATTR_SERVICE, n -> key(n, key));
    }

    /** Identity and settings, for add and edit. */
    public static void encode(AttrWriter w, ServiceKey key, ServiceSettings s) {
        w.nested(CMD_ATTR_SERVICE, n -> {
            key(n, key);
            n.string(SVC_ATTR_SCHED_NAME, s.scheduler());
            if (s.peName() != null && !s.peName().isEmpty()) {
                n.string(SVC_ATTR_PE_NAME, s.peName());
            }
            n.bytes(SVC_ATTR_FLAGS, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                    .putInt(s.flags()).putInt(ALL_FLAGS).array());
            n.u32(SVC_ATTR_TIMEOUT, s.timeout());
            // The kernel keeps a __be32: an IPv4 mask in network order, an IPv6 prefix length as is.
            if (key.family() == AddressFamily.INET) {
                n.be32(SVC_ATTR_NETMASK, s.netmask());
            } else {
                n.u32(SVC_ATTR_NETMASK, s.netmask());
            }
        });
    }

    private static void key(AttrWriter n, ServiceKey key) {
        n.u16(SVC_ATTR_AF, key.family().value());
        if (key instanceof FwmarkServiceKey f) {
            n.u32(SVC_ATTR_FWMARK, f.fwmark());
        } else if (key instanceof AddressServiceKey a) {
            n.u16(SVC_ATTR_PROTOCOL, a.protocol().number())
                    .bytes(SVC_ATTR_ADDR, Addresses.encode(a.address()))
                    .be16(SVC_ATTR_PORT, a.port());
        }
    }

    /** A service of a dump or GET_SERVICE reply (the attributes nested in IPVS_CMD_ATTR_SERVICE). */
    public static Service decode(AttrTable svc) throws NetlinkProtocolException {
        ServiceKey key = decodeKey(svc);
        return new Service(key, decodeSettings(svc, key.family()),
                StatsCodec.decode(svc, SVC_ATTR_STATS, SVC_ATTR_STATS64));
    }

    public static ServiceKey decodeKey(AttrTable svc) throws NetlinkProtocolException {
        AddressFamily family = Addresses.family(svc, SVC_ATTR_AF);
        if (svc.has(SVC_ATTR_FWMARK)) {
            long fwmark = svc.u32(SVC_ATTR_FWMARK);
            if (fwmark == 0) {
                throw svc.invalid("fwmark 0");
            }
            return new FwmarkServiceKey(family, fwmark);
        }
        int number = svc.u16(SVC_ATTR_PROTOCOL);
        Protocol protocol;
        try {
            protocol = Protocol.fromNumber(number);
        } catch (IllegalArgumentException e) {
            throw svc.invalid(e.getMessage());
        }
        return new AddressServiceKey(protocol, Addresses.decode(svc, SVC_ATTR_ADDR, family), svc.be16(SVC_ATTR_PORT));
    }

    /**
     * A service {@link #decode} refused: its key when that decodes, else the raw protocol number,
     * address and port as far as they can be read, for a report.
     */
    public static UnreadService unread(AttrTable svc, String reason) {
        try {
            ServiceKey key = decodeKey(svc);
            return new UnreadService(key, key.toString(), reason);
        } catch (NetlinkProtocolException e) {
            return new UnreadService(null, rawIdentity(svc), reason);
        }
    }

    private static String rawIdentity(AttrTable svc) {
        try {
            AddressFamily family = Addresses.family(svc, SVC_ATTR_AF);
            return "protocol " + svc.u16(SVC_ATTR_PROTOCOL) + " "
                    + Endpoints.format(Addresses.decode(svc, SVC_ATTR_ADDR, family), svc.be16(SVC_ATTR_PORT));
        } catch (NetlinkProtocolException e) {
            return "a service";
        }
    }

    public static ServiceSettings decodeSettings(AttrTable svc, AddressFamily family) throws NetlinkProtocolException {
        int flags = ByteBuffer.wrap(svc.bytes(SVC_ATTR_FLAGS, 8)).order(ByteOrder.nativeOrder()).getInt(0);
        long netmask = family == AddressFamily.INET ? svc.be32(SVC_ATTR_NETMASK) : svc.u32(SVC_ATTR_NETMASK);
        String pe = svc.has(SVC_ATTR_PE_NAME) ? svc.string(SVC_ATTR_PE_NAME) : null;
        return new ServiceSettings(svc.string(SVC_ATTR_SCHED_NAME), flags, svc.nonNegativeInt(SVC_ATTR_TIMEOUT), netmask,
                pe == null || pe.isEmpty() ? null : pe);
    }
}
