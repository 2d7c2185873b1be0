package io.ipvsd.cli.importer;

import io.ipvsd.cli.IpvsTable;
import io.ipvsd.cli.list.AddressText;
import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.Netmask;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceFlags;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.ipvs.Tunnel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The live IPVS table as ipvsadm lines (ipvsadm's "--set TCP TCPFIN UDP", then what
 * ipvsadm-save writes), so one translation ({@link IpvsadmImport}) serves both `import ipvsadm`
 * and `import kernel`.
 */
final class KernelSave {
    private KernelSave() {
    }

    static List<String> lines(IpvsTable table) throws IOException {
        List<String> out = new ArrayList<>();
        Timeouts t = table.timeouts();
        out.add("--set " + t.tcp() + " " + t.tcpFin() + " " + t.udp());
        for (Service s : table.services()) {
            String key = serviceOption(s.key());
            ServiceSettings st = s.settings();
            StringBuilder a = new StringBuilder("-A ").append(key).append(" -s ").append(st.scheduler());
            if ((st.flags() & ServiceFlags.PERSISTENT) != 0) {
                a.append(" -p ").append(st.timeout());
                AddressFamily fam = family(s.key());
                a.append(" -M ").append(Netmask.text(fam, st.netmask()));
            }
            if ((st.flags() & ServiceFlags.ONEPACKET) != 0) {
                a.append(" -o");
            }
            List<String> flags = new ArrayList<>();
            String sched = st.scheduler();
            if ((st.flags() & ServiceFlags.SCHED1) != 0 && (sched.equals("sh") || sched.equals("mh"))) {
                flags.add(sched + "-fallback");
            }
            if ((st.flags() & ServiceFlags.SCHED2) != 0 && (sched.equals("sh") || sched.equals("mh"))) {
                flags.add(sched + "-port");
            }
            if (!flags.isEmpty()) {
                a.append(" -b ").append(String.join(",", flags));
            }
            if (st.peName() != null && !st.peName().isEmpty()) {
                a.append(" --pe ").append(st.peName());
            }
            out.add(a.toString());
            for (Destination dst : table.destinations(s.key())) {
                DestinationSettings ds = dst.settings();
                StringBuilder r = new StringBuilder("-a ").append(key).append(" -r ")
                        .append(AddressText.of(dst.key().address(), dst.key().port()));
                switch (ds.method()) {
                    case MASQ -> r.append(" -m");
                    case TUNNEL -> r.append(" -i");
                    default -> r.append(" -g");
                }
                r.append(" -w ").append(ds.weight());
                if (ds.upperThreshold() != 0) {
                    r.append(" -x ").append(ds.upperThreshold());
                }
                if (ds.lowerThreshold() != 0) {
                    r.append(" -y ").append(ds.lowerThreshold());
                }
                Tunnel tun = ds.tunnel();
                if (ds.method() == io.ipvsd.ipvs.ForwardingMethod.TUNNEL && tun != null && !tun.equals(Tunnel.IPIP)) {
                    r.append(" --tun-type ").append(tun.type().name().toLowerCase());
                    if (tun.port() != 0) {
                        r.append(" --tun-port ").append(tun.port());
                    }
                    if ((tun.flags() & Tunnel.FLAG_REMCSUM) != 0) {
                        r.append(" --tun-remcsum");
                    } else if ((tun.flags() & Tunnel.FLAG_CSUM) != 0) {
                        r.append(" --tun-csum");
                    }
                }
                out.add(r.toString());
            }
        }
        return out;
    }

    private static AddressFamily family(ServiceKey key) {
        if (key instanceof FwmarkServiceKey f) {
            return f.family();
        }
        return ((AddressServiceKey) key).address() instanceof java.net.Inet6Address ? AddressFamily.INET6 : AddressFamily.INET;
    }

    private static String serviceOption(ServiceKey key) {
        if (key instanceof FwmarkServiceKey f) {
            return "-f " + f.fwmark() + (f.family() == AddressFamily.INET6 ? " -6" : "");
        }
        AddressServiceKey a = (AddressServiceKey) key;
        String opt = switch (a.protocol()) {
            case TCP -> "-t";
            case UDP -> "-u";
            case SCTP -> "--sctp-service";
        };
        return opt + " " + AddressText.of(a.address(), a.port());
    }
}
