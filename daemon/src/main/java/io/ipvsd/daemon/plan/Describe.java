package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.ServiceFlags;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.Tunnel;
import java.util.Locale;

/** The words plans use for settings, close to ipvsadm's. */
final class Describe {
    private Describe() {
    }

    static String service(ServiceKey key, ServiceSettings s) {
        StringBuilder b = new StringBuilder(s.scheduler());
        if (s.persistent()) {
            b.append(" persistent ").append(s.timeout()).append(" mask ").append(netmask(key.family(), s.netmask()));
        }
        if ((s.flags() & ServiceFlags.ONEPACKET) != 0) {
            b.append(" ops");
        }
        int sched = s.flags() & (ServiceFlags.SCHED1 | ServiceFlags.SCHED2 | ServiceFlags.SCHED3);
        if (sched != 0) {
            b.append(" flags 0x").append(Integer.toHexString(sched));
        }
        if (s.peName() != null) {
            b.append(" pe ").append(s.peName());
        }
        return b.toString();
    }

    static String netmask(AddressFamily family, long netmask) {
        if (family == AddressFamily.INET6) {
            return Long.toString(netmask);
        }
        return ((netmask >>> 24) & 0xff) + "." + ((netmask >>> 16) & 0xff) + "." + ((netmask >>> 8) & 0xff) + "." + (netmask & 0xff);
    }

    static String destination(DestinationSettings d) {
        StringBuilder b = new StringBuilder(method(d.method())).append(" weight ").append(d.weight());
        if (d.upperThreshold() != 0 || d.lowerThreshold() != 0) {
            b.append(" thresholds ").append(d.lowerThreshold()).append('-').append(d.upperThreshold());
        }
        if (d.method() == ForwardingMethod.TUNNEL && d.tunnel() != null && !d.tunnel().equals(Tunnel.IPIP)) {
            Tunnel t = d.tunnel();
            b.append(" tunnel ").append(t.type().name().toLowerCase(Locale.ROOT));
            if (t.port() != 0) {
                b.append(" port ").append(t.port());
            }
            if ((t.flags() & Tunnel.FLAG_CSUM) != 0) {
                b.append(" csum");
            }
            if ((t.flags() & Tunnel.FLAG_REMCSUM) != 0) {
                b.append(" remcsum");
            }
        }
        return b.toString();
    }

    /** The config file's words: dr, nat, tun (local only appears for a real server on the director). */
    static String method(ForwardingMethod m) {
        return switch (m) {
            case ROUTE -> "dr";
            case MASQ -> "nat";
            case TUNNEL -> "tun";
            case LOCAL -> "local";
        };
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
