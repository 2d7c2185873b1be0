package io.ipvsd.ipvs;

import java.util.Locale;

/** The words an op's text uses for settings, close to ipvsadm's: the one text of an IPVS change. */
final class OpText {
    private OpText() {
    }

    /**
     * E.g. "sh persistent 600 mask 255.255.255.0 flags 0x18 pe sip". Scheduler flags show as bits:
     * their names depend on the scheduler, and ipvsadm names none for a third bit of sh or mh, so
     * a change of that bit would read as no change at all.
     */
    static String service(ServiceKey key, ServiceSettings s) {
        StringBuilder b = new StringBuilder(s.scheduler());
        if (s.persistent()) {
            b.append(" persistent ").append(s.timeout()).append(" mask ").append(Netmask.text(key.family(), s.netmask()));
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

    /** E.g. "tun weight 1 thresholds 10-100 tunnel gue port 6080 csum". */
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

    static String reason(String reason) {
        return reason == null ? "" : " (" + reason + ")";
    }

    /** The config file's words: dr, nat, tun (local only appears for a real server on the director). */
    private static String method(ForwardingMethod m) {
        return switch (m) {
            case ROUTE -> "dr";
            case MASQ -> "nat";
            case TUNNEL -> "tun";
            case LOCAL -> "local";
        };
    }
}
