package io.ipvsd.ipvs.wire;

import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_ATTR_DEST;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_ACTIVE_CONNS;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_ADDR;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_ADDR_FAMILY;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_FWD_METHOD;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_INACT_CONNS;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_L_THRESH;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_PERSIST_CONNS;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_PORT;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_STATS;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_STATS64;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_TUN_FLAGS;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_TUN_PORT;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_TUN_TYPE;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_U_THRESH;
import static io.ipvsd.ipvs.wire.IpvsGenl.DEST_ATTR_WEIGHT;

import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.Tunnel;
import io.ipvsd.ipvs.TunnelType;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.NetlinkProtocolException;

/**
 * IPVS_CMD_ATTR_DEST: a real server's identity (address family, address, port) and settings, in
 * the order ipvsadm writes them.
 */
public final class DestinationCodec {
    private DestinationCodec() {
    }

    /** The identity alone, which is all the kernel reads for delete. */
    public static void encodeKey(AttrWriter w, DestinationKey key) {
        w.nested(CMD_ATTR_DEST, n -> key(n, key));
    }

    public static void encode(AttrWriter w, DestinationKey key, DestinationSettings s) {
        // Without options a tunnel is IPIP with no port and no flags; other methods send the same zeros.
        Tunnel tunnel = s.tunnel() == null ? Tunnel.IPIP : s.tunnel();
        w.nested(CMD_ATTR_DEST, n -> {
            key(n, key);
            n.u32(DEST_ATTR_FWD_METHOD, s.method().value())
                    .u32(DEST_ATTR_WEIGHT, s.weight())
                    .u8(DEST_ATTR_TUN_TYPE, tunnel.type().value())
                    .be16(DEST_ATTR_TUN_PORT, tunnel.port())
                    .u16(DEST_ATTR_TUN_FLAGS, tunnel.flags())
                    .u32(DEST_ATTR_U_THRESH, s.upperThreshold())
                    .u32(DEST_ATTR_L_THRESH, s.lowerThreshold());
        });
    }

    private static void key(AttrWriter n, DestinationKey key) {
        // The destination's own family (kernel 3.18+): it may differ from the service's for tunnels.
        n.u16(DEST_ATTR_ADDR_FAMILY, AddressFamily.of(key.address()).value())
                .bytes(DEST_ATTR_ADDR, Addresses.encode(key.address()))
                .be16(DEST_ATTR_PORT, key.port());
    }

    /**
     * A destination of a dump (the attributes nested in IPVS_CMD_ATTR_DEST).
     *
     * @param serviceFamily the family to assume when the kernel predates per-destination families
     */
    public static Destination decode(AttrTable dest, AddressFamily serviceFamily) throws NetlinkProtocolException {
        AddressFamily family = dest.has(DEST_ATTR_ADDR_FAMILY) ? Addresses.family(dest, DEST_ATTR_ADDR_FAMILY) : serviceFamily;
        return new Destination(decodeKey(dest, family), family, decodeSettings(dest),
                dest.u32(DEST_ATTR_ACTIVE_CONNS), dest.u32(DEST_ATTR_INACT_CONNS), dest.u32(DEST_ATTR_PERSIST_CONNS),
                StatsCodec.decode(dest, DEST_ATTR_STATS, DEST_ATTR_STATS64));
    }

    /** @param family the destination's own address family */
    public static DestinationKey decodeKey(AttrTable dest, AddressFamily family) throws NetlinkProtocolException {
        return new DestinationKey(Addresses.decode(dest, DEST_ATTR_ADDR, family), dest.be16(DEST_ATTR_PORT));
    }

    public static DestinationSettings decodeSettings(AttrTable dest) throws NetlinkProtocolException {
        int weight = dest.nonNegativeInt(DEST_ATTR_WEIGHT);
        ForwardingMethod method;
        Tunnel tunnel = null;
        try {
            method = ForwardingMethod.fromConnFlags(dest.u32(DEST_ATTR_FWD_METHOD));
            if (method == ForwardingMethod.TUNNEL && dest.has(DEST_ATTR_TUN_TYPE)) {
                tunnel = new Tunnel(TunnelType.fromValue(dest.u8(DEST_ATTR_TUN_TYPE)),
                        dest.be16(DEST_ATTR_TUN_PORT), dest.u16(DEST_ATTR_TUN_FLAGS));
            }
        } catch (IllegalArgumentException e) {
            throw dest.invalid(e.getMessage());
        }
        return new DestinationSettings(method, weight, dest.u32(DEST_ATTR_U_THRESH), dest.u32(DEST_ATTR_L_THRESH),
                tunnel);
    }
}
