package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.Endpoints;

/** The words plans use for the sync daemon and timeouts (services and real servers: IpvsOp's text). */
final class Describe {
    private Describe() {
    }

    static String syncDaemon(SyncDaemon d) {
        StringBuilder b = new StringBuilder(d.state().label()).append(' ').append(d.interfaceName())
                .append(" syncid ").append(d.syncId());
        if (d.maxLength() != 0) {
            b.append(" maxlen ").append(d.maxLength());
        }
        if (d.group() != null) {
            b.append(" group ").append(Endpoints.address(d.group()));
        }
        if (d.port() != 0) {
            b.append(" port ").append(d.port());
        }
        if (d.ttl() != 0) {
            b.append(" ttl ").append(d.ttl());
        }
        return b.toString();
    }

    static String timeouts(Timeouts t) {
        return t == null ? "?" : t.tcp() + "/" + t.tcpFin() + "/" + t.udp();
    }
}
