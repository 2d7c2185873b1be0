package io.ipvsd.ipvs.wire;

import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_ATTR_TIMEOUT_TCP;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_ATTR_TIMEOUT_TCP_FIN;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_ATTR_TIMEOUT_UDP;
import static io.ipvsd.ipvs.wire.IpvsGenl.INFO_ATTR_CONN_TAB_SIZE;
import static io.ipvsd.ipvs.wire.IpvsGenl.INFO_ATTR_VERSION;

import io.ipvsd.ipvs.IpvsInfo;
import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.NetlinkProtocolException;

/** The first-level attributes of SET_CONFIG / GET_CONFIG (timeouts) and of GET_INFO's reply. */
public final class ConfigCodec {
    private ConfigCodec() {
    }

    /** All three, as ipvsadm --set sends them: the kernel leaves a timeout of 0 unchanged. */
    public static void encodeTimeouts(AttrWriter w, Timeouts t) {
        w.u32(CMD_ATTR_TIMEOUT_TCP, t.tcp()).u32(CMD_ATTR_TIMEOUT_TCP_FIN, t.tcpFin()).u32(CMD_ATTR_TIMEOUT_UDP, t.udp());
    }

    public static Timeouts decodeTimeouts(AttrTable t) throws NetlinkProtocolException {
        return new Timeouts(t.nonNegativeInt(CMD_ATTR_TIMEOUT_TCP), t.nonNegativeInt(CMD_ATTR_TIMEOUT_TCP_FIN),
                t.nonNegativeInt(CMD_ATTR_TIMEOUT_UDP));
    }

    /** The version is IP_VS_VERSION_CODE, one byte per part: 0x010201 is "1.2.1". */
    public static IpvsInfo decodeInfo(AttrTable t) throws NetlinkProtocolException {
        long v = t.u32(INFO_ATTR_VERSION);
        String version = ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
        return new IpvsInfo(version, t.u32(INFO_ATTR_CONN_TAB_SIZE));
    }
}
