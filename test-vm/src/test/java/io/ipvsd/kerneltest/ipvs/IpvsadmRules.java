package io.ipvsd.kerneltest.ipvs;

import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceFlags;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.Tunnel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Our view of the tables written as ipvsadm-save -n (ipvsadm -Sn) writes them, so the two can be
 * compared line for line. The format follows ipvsadm 1.31 as seen in the VM, thresholds left out
 * as it leaves them out. Lines are sorted: ipvsadm sorts its own way, and each destination line
 * names its service anyway.
 */
final class IpvsadmRules {
    private IpvsadmRules() {
    }

    /** Our client's dump of a whole table. */
    static List<String> of(IpvsClient client) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Service s : client.services()) {
            lines.add(service(s.key(), s.settings()));
            for (Destination d : client.destinations(s.key())) {
                lines.add(destination(s.key(), d));
            }
        }
        return sorted(lines);
    }

    /** ipvsadm's output, as sorted lines. */
    static List<String> parse(String output) {
        List<String> lines = new ArrayList<>();
        output.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
        return sorted(lines);
    }

    static String service(ServiceKey key, ServiceSettings s) {
        StringBuilder b = new StringBuilder("-A ").append(name(key)).append(" -s ").append(s.scheduler());
        if (s.persistent()) {
            b.append(" -p ").append(s.timeout());
            if (key.family() == AddressFamily.INET && s.netmask() != 0xffffffffL) {
                b.append(" -M ").append(dotted(s.netmask()));
            } else if (key.family() == AddressFamily.INET6 && s.netmask() != 128) {
                b.append(" -M ").append(s.netmask());
            }
        }
        if (s.peName() != null) {
            b.append(" --pe ").append(s.peName());
        }
        if ((s.flags() & ServiceFlags.ONEPACKET) != 0) {
            b.append(" -o");
        }
        List<String> flags = new ArrayList<>();
        boolean named = s.scheduler().equals("sh") || s.scheduler().equals("mh");
        if ((s.flags() & ServiceFlags.SCHED1) != 0) {
            flags.add(named ? s.scheduler() + "-fallback" : "flag-1");
        }
        if ((s.flags() & ServiceFlags.SCHED2) != 0) {
            flags.add(named ? s.scheduler() + "-port" : "flag-2");
        }
        if ((s.flags() & ServiceFlags.SCHED3) != 0) {
            flags.add("flag-3");
        }
        if (!flags.isEmpty()) {
            b.append(" -b ").append(String.join(",", flags));
        }
        return b.toString();
    }

    static String destination(ServiceKey service, Destination d) {
        StringBuilder b = new StringBuilder("-a ").append(name(service)).append(" -r ")
                .append(Endpoints.format(d.key().address(), d.key().port()));
        switch (d.settings().method()) {
            case MASQ -> b.append(" -m");
            case TUNNEL -> b.append(" -i");
            default -> b.append(" -g");
        }
        b.append(" -w ").append(d.settings().weight());
        Tunnel t = d.settings().tunnel();
        if (t != null) {
            b.append(" --tun-type ").append(t.type().name().toLowerCase(java.util.Locale.ROOT));
            if (t.port() != 0) {
                b.append(" --tun-port ").append(t.port());
            }
            switch (t.type()) {
                case IPIP -> { }
                default -> b.append(t.flags() == Tunnel.FLAG_CSUM ? " --tun-csum"
                        : t.flags() == Tunnel.FLAG_REMCSUM ? " --tun-remcsum" : " --tun-nocsum");
            }
        }
        return b.toString();
    }

    private static String name(ServiceKey key) {
        if (key instanceof FwmarkServiceKey f) {
            return "-f " + f.fwmark() + (f.family() == AddressFamily.INET6 ? " -6" : "");
        }
        AddressServiceKey a = (AddressServiceKey) key;
        String option = switch (a.protocol()) {
            case TCP -> "-t";
            case UDP -> "-u";
            case SCTP -> "--sctp-service";
        };
        return option + " " + Endpoints.format(a.address(), a.port());
    }

    private static String dotted(long mask) {
        try {
            return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt((int) mask).array()).getHostAddress();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> sorted(List<String> lines) {
        List<String> s = new ArrayList<>(lines);
        s.sort(null);
        return s;
    }
}
