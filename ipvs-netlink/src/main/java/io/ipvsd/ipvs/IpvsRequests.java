package io.ipvsd.ipvs;

import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_DEL_DAEMON;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_DEL_DEST;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_DEL_SERVICE;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_FLUSH;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_GET_CONFIG;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_GET_DAEMON;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_GET_DEST;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_GET_INFO;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_GET_SERVICE;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_NEW_DAEMON;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_NEW_DEST;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_NEW_SERVICE;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_SET_CONFIG;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_SET_DEST;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_SET_SERVICE;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_ZERO;

import io.ipvsd.genl.Genl;
import io.ipvsd.ipvs.wire.ConfigCodec;
import io.ipvsd.ipvs.wire.DaemonCodec;
import io.ipvsd.ipvs.wire.DestinationCodec;
import io.ipvsd.ipvs.wire.IpvsGenl;
import io.ipvsd.ipvs.wire.ServiceCodec;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.NetlinkMessage;
import java.util.function.Consumer;

/** The request message of each IPVS command, for one resolved family id. Flags are the caller's. */
final class IpvsRequests {
    private final int familyId;

    IpvsRequests(int familyId) {
        this.familyId = familyId;
    }

    NetlinkMessage of(IpvsOp op) {
        if (op instanceof IpvsOp.AddService o) {
            return message(CMD_NEW_SERVICE, w -> ServiceCodec.encode(w, o.service(), o.settings()));
        } else if (op instanceof IpvsOp.EditService o) {
            return message(CMD_SET_SERVICE, w -> ServiceCodec.encode(w, o.service(), o.settings()));
        } else if (op instanceof IpvsOp.DeleteService o) {
            return message(CMD_DEL_SERVICE, w -> ServiceCodec.encodeKey(w, o.service()));
        } else if (op instanceof IpvsOp.AddDestination o) {
            return destination(CMD_NEW_DEST, o.service(), w -> DestinationCodec.encode(w, o.destination(), o.settings()));
        } else if (op instanceof IpvsOp.EditDestination o) {
            return destination(CMD_SET_DEST, o.service(), w -> DestinationCodec.encode(w, o.destination(), o.settings()));
        } else if (op instanceof IpvsOp.DeleteDestination o) {
            return destination(CMD_DEL_DEST, o.service(), w -> DestinationCodec.encodeKey(w, o.destination()));
        }
        throw new IllegalArgumentException("unknown op " + op);
    }

    NetlinkMessage getServices() {
        return message(CMD_GET_SERVICE, w -> { });
    }

    NetlinkMessage getService(ServiceKey key) {
        return message(CMD_GET_SERVICE, w -> ServiceCodec.encodeKey(w, key));
    }

    NetlinkMessage getDestinations(ServiceKey key) {
        return message(CMD_GET_DEST, w -> ServiceCodec.encodeKey(w, key));
    }

    NetlinkMessage getInfo() {
        return message(CMD_GET_INFO, w -> { });
    }

    NetlinkMessage getTimeouts() {
        return message(CMD_GET_CONFIG, w -> { });
    }

    NetlinkMessage setTimeouts(Timeouts t) {
        return message(CMD_SET_CONFIG, w -> ConfigCodec.encodeTimeouts(w, t));
    }

    NetlinkMessage zeroAll() {
        return message(CMD_ZERO, w -> { });
    }

    NetlinkMessage zero(ServiceKey key) {
        return message(CMD_ZERO, w -> ServiceCodec.encodeKey(w, key));
    }

    NetlinkMessage flush() {
        return message(CMD_FLUSH, w -> { });
    }

    NetlinkMessage getSyncDaemons() {
        return message(CMD_GET_DAEMON, w -> { });
    }

    NetlinkMessage startSyncDaemon(SyncDaemon d) {
        return message(CMD_NEW_DAEMON, w -> DaemonCodec.encode(w, d));
    }

    NetlinkMessage stopSyncDaemon(SyncState state) {
        return message(CMD_DEL_DAEMON, w -> DaemonCodec.encodeState(w, state));
    }

    /** The destination commands carry the service's identity first. */
    private NetlinkMessage destination(int cmd, ServiceKey service, Consumer<AttrWriter> dest) {
        return message(cmd, w -> {
            ServiceCodec.encodeKey(w, service);
            dest.accept(w);
        });
    }

    private NetlinkMessage message(int cmd, Consumer<AttrWriter> attrs) {
        AttrWriter w = new AttrWriter();
        attrs.accept(w);
        return Genl.message(familyId, 0, cmd, IpvsGenl.VERSION, w);
    }
}
