package io.ipvsd.ipvs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The settings part of an op's text, in ipvsadm's words where it has them. */
final class OpText {
    private OpText() {
    }

    /** E.g. "sched=sh persistent=600 netmask=255.255.255.0 flags=sh-fallback,sh-port pe=sip". */
    static String settings(ServiceKey key, ServiceSettings s) {
        StringBuilder b = new StringBuilder("sched=").append(s.scheduler());
        if (s.persistent()) {
            b.append(" persistent=").append(s.timeout());
            boolean ipv6 = key.family() == AddressFamily.INET6;
            if (s.netmask() != (ipv6 ? 128 : 0xffffffffL)) {
                b.append(" netmask=").append(ipv6 ? Long.toString(s.netmask()) : dotted(s.netmask()));
            }
        }
        List<String> flags = flagNames(s);
        if (!flags.isEmpty()) {
            b.append(" flags=").append(String.join(",", flags));
        }
        if (s.peName() != null) {
            b.append(" pe=").append(s.peName());
        }
        return b.toString();
    }

    /** E.g. "tunnel weight=1 upper=100 lower=50 tun-type=gue tun-port=6080 tun-csum". */
    static String settings(DestinationSettings s) {
        StringBuilder b = new StringBuilder(s.method().ipvsadmName().toLowerCase(Locale.ROOT))
                .append(" weight=").append(s.weight());
        if (s.upperThreshold() != 0 || s.lowerThreshold() != 0) {
            b.append(" upper=").append(s.upperThreshold()).append(" lower=").append(s.lowerThreshold());
        }
        Tunnel t = s.tunnel();
        if (t != null) {
            b.append(" tun-type=").append(t.type().name().toLowerCase(Locale.ROOT));
            if (t.port() != 0) {
                b.append(" tun-port=").append(t.port());
            }
            if (t.flags() == Tunnel.FLAG_CSUM) {
                b.append(" tun-csum");
            } else if (t.flags() == Tunnel.FLAG_REMCSUM) {
                b.append(" tun-remcsum");
            }
        }
        return b.toString();
    }

    /** ipvsadm's names: "ops", and sh-/mh- flags for those schedulers, else flag-1..3. */
    private static List<String> flagNames(ServiceSettings s) {
        List<String> names = new ArrayList<>();
        if ((s.flags() & ServiceFlags.ONEPACKET) != 0) {
            names.add("ops");
        }
        String prefix = s.scheduler().equals("sh") || s.scheduler().equals("mh") ? s.scheduler() + "-" : null;
        if ((s.flags() & ServiceFlags.SCHED1) != 0) {
            names.add(prefix != null ? prefix + "fallback" : "flag-1");
        }
        if ((s.flags() & ServiceFlags.SCHED2) != 0) {
            names.add(prefix != null ? prefix + "port" : "flag-2");
        }
        if ((s.flags() & ServiceFlags.SCHED3) != 0) {
            names.add("flag-3");
        }
        return names;
    }

    private static String dotted(long mask) {
        try {
            return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt((int) mask).array()).getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always an address
        }
    }
}
