package io.ipvsd.ipvs.wire;

import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_ATTR_DAEMON;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_ATTR_DEST;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_ATTR_MAX;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_ATTR_SERVICE;

import io.ipvsd.genl.Genl;
import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.IpvsInfo;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.ipvs.UnreadService;
import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;

/**
 * Decodes the kernel's IPVS messages. Each checks the reply's command, so a message of another
 * kind is an error rather than a service with missing fields; anything malformed is a
 * {@link NetlinkProtocolException}.
 */
public final class IpvsReplies {
    private IpvsReplies() {
    }

    /** A message of a service dump or of GET_SERVICE's reply. */
    public static Service service(NetlinkMessage m) throws NetlinkProtocolException {
        return ServiceCodec.decode(attributes(m, IpvsGenl.CMD_NEW_SERVICE, "service")
                .nested(CMD_ATTR_SERVICE, IpvsGenl.SVC_ATTR_MAX, "service attributes"));
    }

    /**
     * What can be read of a service dump message that {@link #service} refused with {@code reason}:
     * its key when that decodes. A message that is not a service at all still fails.
     */
    public static UnreadService unreadService(NetlinkMessage m, String reason) throws NetlinkProtocolException {
        return ServiceCodec.unread(attributes(m, IpvsGenl.CMD_NEW_SERVICE, "service")
                .nested(CMD_ATTR_SERVICE, IpvsGenl.SVC_ATTR_MAX, "service attributes"), reason);
    }

    /** A message of a destination dump; {@code serviceFamily} is the family of the dumped service. */
    public static Destination destination(NetlinkMessage m, AddressFamily serviceFamily) throws NetlinkProtocolException {
        return DestinationCodec.decode(attributes(m, IpvsGenl.CMD_NEW_DEST, "destination")
                .nested(CMD_ATTR_DEST, IpvsGenl.DEST_ATTR_MAX, "destination attributes"), serviceFamily);
    }

    public static SyncDaemon syncDaemon(NetlinkMessage m) throws NetlinkProtocolException {
        return DaemonCodec.decode(attributes(m, IpvsGenl.CMD_NEW_DAEMON, "sync daemon")
                .nested(CMD_ATTR_DAEMON, IpvsGenl.DAEMON_ATTR_MAX, "daemon attributes"));
    }

    public static Timeouts timeouts(NetlinkMessage m) throws NetlinkProtocolException {
        return ConfigCodec.decodeTimeouts(attributes(m, IpvsGenl.CMD_SET_CONFIG, "timeouts"));
    }

    public static IpvsInfo info(NetlinkMessage m) throws NetlinkProtocolException {
        return ConfigCodec.decodeInfo(AttrTable.parse(checked(m, IpvsGenl.CMD_SET_INFO, "IPVS info"),
                IpvsGenl.INFO_ATTR_MAX, "IPVS info"));
    }

    /** The first-level attributes of a message whose command must be {@code cmd}. */
    private static AttrTable attributes(NetlinkMessage m, int cmd, String what) throws NetlinkProtocolException {
        return AttrTable.parse(checked(m, cmd, what), CMD_ATTR_MAX, what);
    }

    private static AttrReader checked(NetlinkMessage m, int cmd, String what)
            throws NetlinkProtocolException {
        int actual = Genl.command(m);
        if (actual != cmd) {
            throw new NetlinkProtocolException(what + ": reply has command " + actual + ", expected " + cmd);
        }
        return Genl.attributes(m);
    }
}
