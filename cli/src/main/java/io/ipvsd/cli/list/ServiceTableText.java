package io.ipvsd.cli.list;

import io.ipvsd.ipvs.Netmask;
import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.IpvsInfo;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceFlags;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.Stats;
import io.ipvsd.ipvs.Tunnel;
import java.util.List;
import java.util.Locale;

/**
 * The service table as ipvsadm 1.31 -Ln prints it (print_title, print_service_entry), byte for
 * byte: the same column widths, the trailing blanks of left-aligned last columns, the truncation
 * of IPv4 names (33 and 28 characters, never reached with numeric output) and the C formats'
 * quirks (a fwmark above 2^31 prints negative, as ipvsadm's "%d" does).
 */
final class ServiceTableText {
    private static final String ADDRESS_TITLE = "Prot LocalAddress:Port";
    private static final String DEST_TITLE = "  -> RemoteAddress:Port";
    /** ipvsadm's fwd_tun_info checksum words, indexed by the IP_VS_TUNNEL_ENCAP_FLAG value. */
    private static final List<String> TUNNEL_CHECKSUMS = List.of("-c", "+c", "r+c");

    private final ListView view;
    private final boolean exact;
    private final StringBuilder out = new StringBuilder();

    private ServiceTableText(ListView view, boolean exact) {
        this.view = view;
        this.exact = exact;
    }

    /**
     * @param info    the version line's content, or null to leave the line out (ipvsadm prints it only
     *                when listing every service)
     * @param entries services with their destinations, already in display order
     */
    static String render(IpvsInfo info, List<ServiceEntry> entries, ListView view, boolean exact) {
        ServiceTableText t = new ServiceTableText(view, exact);
        if (info != null) {
            t.line("IP Virtual Server version %s (size=%d)", info.version(), info.connectionTableSize());
        }
        t.title();
        for (ServiceEntry e : entries) {
            t.service(e.service());
            for (Destination d : e.destinations()) {
                t.destination(d);
            }
        }
        return t.out.toString();
    }

    private void title() {
        switch (view) {
            case STATS -> {
                line("%-33s %8s %8s %8s %8s %8s", ADDRESS_TITLE, "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes");
                line(DEST_TITLE);
            }
            case RATE -> {
                line("%-33s %8s %8s %8s %8s %8s", ADDRESS_TITLE, "CPS", "InPPS", "OutPPS", "InBPS", "OutBPS");
                line(DEST_TITLE);
            }
            case THRESHOLDS -> {
                line("%-33s %-10s %-10s %-10s %-10s", ADDRESS_TITLE, "Uthreshold", "Lthreshold", "ActiveConn", "InActConn");
                line(DEST_TITLE);
            }
            case PERSISTENT_CONN -> {
                line("%-33s %-9s %-11s %-10s %-10s", ADDRESS_TITLE, "Weight", "PersistConn", "ActiveConn", "InActConn");
                line(DEST_TITLE);
            }
            case TUN_INFO -> {
                line("Prot LocalAddress:Port Scheduler Flags");
                line("  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn");
            }
            case DEFAULT -> {
                line("Prot LocalAddress:Port Scheduler Flags");
                line("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn");
            }
        }
    }

    private void service(Service service) {
        String name = serviceName(service);
        switch (view) {
            case STATS -> left(name, 33).append(counters(service.stats()));
            case RATE -> left(name, 33).append(rates(service.stats()));
            default -> out.append(name).append(' ').append(service.settings().scheduler()).append(serviceFlags(service));
        }
        out.append('\n');
    }

    private void destination(Destination d) {
        String name = AddressText.of(d.key().address(), d.key().port());
        if (d.family() != AddressFamily.INET6 && name.length() > 28) {
            name = name.substring(0, 28);
        }
        DestinationSettings s = d.settings();
        out.append("  -> ");
        switch (view) {
            case STATS -> left(name, 28).append(counters(d.stats()));
            case RATE -> {
                left(name, 28).append(' ');
                right(Long.toUnsignedString(d.stats().connectionRate()), 8).append(' ');
                right(Long.toUnsignedString(d.stats().inPacketRate()), 8).append(' ');
                right(Long.toUnsignedString(d.stats().outPacketRate()), 8)
                        .append(LargeNumber.format(d.stats().inByteRate(), exact))
                        .append(LargeNumber.format(d.stats().outByteRate(), exact));
            }
            case THRESHOLDS -> columns(name, 28, s.upperThreshold(), 10, s.lowerThreshold(), 10,
                    d.activeConnections(), 10, d.inactiveConnections(), 10);
            case PERSISTENT_CONN -> columns(name, 28, s.weight(), 9, d.persistentConnections(), 11,
                    d.activeConnections(), 10, d.inactiveConnections(), 10);
            case TUN_INFO -> columns(name, 28, s.method().ipvsadmName(), 7, tunnelInfo(s), 13, s.weight(), 6,
                    d.activeConnections(), 10, d.inactiveConnections(), 10);
            case DEFAULT -> columns(name, 28, s.method().ipvsadmName(), 7, s.weight(), 6,
                    d.activeConnections(), 10, d.inactiveConnections(), 10);
        }
        out.append('\n');
    }

    private static String serviceName(Service service) {
        if (service.key() instanceof FwmarkServiceKey f) {
            // ipvsadm prints the unsigned mark with "%d".
            return "FWM  " + (int) f.fwmark() + (f.family() == AddressFamily.INET6 ? " IPv6" : "");
        }
        AddressServiceKey a = (AddressServiceKey) service.key();
        String protocol = a.protocol().name();
        String name = protocol + " ".repeat(Math.max(0, 4 - protocol.length())) + " " + AddressText.of(a.address(), a.port());
        return a.family() != AddressFamily.INET6 && name.length() > 33 ? name.substring(0, 33) : name;
    }

    /** " (sh-fallback)", " persistent 300 mask 255.255.255.0 pe sip", " ops"... in ipvsadm's order. */
    private static String serviceFlags(Service service) {
        ServiceSettings s = service.settings();
        StringBuilder b = new StringBuilder();
        if ((s.flags() & (ServiceFlags.SCHED1 | ServiceFlags.SCHED2 | ServiceFlags.SCHED3)) != 0) {
            b.append(" (").append(String.join(",", SchedulerFlagNames.of(s.scheduler(), s.flags()))).append(')');
        }
        if (s.persistent()) {
            b.append(" persistent ").append(Integer.toUnsignedString(s.timeout()));
            if (service.key().family() == AddressFamily.INET && s.netmask() != 0xffffffffL) {
                b.append(" mask ").append(Netmask.ipv4(s.netmask()));
            }
            if (service.key().family() == AddressFamily.INET6 && s.netmask() != 128) {
                b.append(" mask ").append((int) s.netmask());
            }
            if (s.peName() != null && !s.peName().isEmpty()) {
                b.append(" pe ").append(s.peName());
            }
        }
        if ((s.flags() & ServiceFlags.ONEPACKET) != 0) {
            b.append(" ops");
        }
        return b.toString();
    }

    /** ipvsadm's fwd_tun_info: "ipip", "gue:PORT:CSUM", "gre:CSUM" for tunnels, else "n/a". */
    private static String tunnelInfo(DestinationSettings s) {
        if (s.method() != ForwardingMethod.TUNNEL) {
            return "n/a";
        }
        Tunnel t = s.tunnel() == null ? Tunnel.IPIP : s.tunnel();
        return switch (t.type()) {
            case IPIP -> "ipip";
            case GUE -> "gue:" + t.port() + ":" + checksum(t);
            case GRE -> "gre:" + checksum(t);
        };
    }

    private static String checksum(Tunnel t) {
        return t.flags() >= 0 && t.flags() < TUNNEL_CHECKSUMS.size() ? TUNNEL_CHECKSUMS.get(t.flags()) : "?";
    }

    private String counters(Stats s) {
        return LargeNumber.format(s.connections(), exact) + LargeNumber.format(s.inPackets(), exact)
                + LargeNumber.format(s.outPackets(), exact) + LargeNumber.format(s.inBytes(), exact)
                + LargeNumber.format(s.outBytes(), exact);
    }

    private String rates(Stats s) {
        return LargeNumber.format(s.connectionRate(), exact) + LargeNumber.format(s.inPacketRate(), exact)
                + LargeNumber.format(s.outPacketRate(), exact) + LargeNumber.format(s.inByteRate(), exact)
                + LargeNumber.format(s.outByteRate(), exact);
    }

    private void line(String format, Object... args) {
        out.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append('\n');
    }

    /*
     * The per-line columns are padded by hand: java.util.Formatter parses its format on every
     * call, and that parsing was most of the time `list` took for 10,000 services x 10 real
     * servers (31 s against ipvsadm's 6.8 s in the VM).
     */

    /** printf's "%-Ns %-Ns ..." of (value, width) pairs: each left-aligned in its width, blank-separated. */
    private void columns(Object... valuesAndWidths) {
        for (int i = 0; i < valuesAndWidths.length; i += 2) {
            if (i > 0) {
                out.append(' ');
            }
            left(String.valueOf(valuesAndWidths[i]), (Integer) valuesAndWidths[i + 1]);
        }
    }

    /** printf's "%-Ns": the text, then blanks up to the width (a longer text is not cut). */
    private StringBuilder left(String text, int width) {
        out.append(text);
        return pad(width - text.length());
    }

    /** printf's "%Ns": blanks up to the width, then the text. */
    private StringBuilder right(String text, int width) {
        return pad(width - text.length()).append(text);
    }

    private StringBuilder pad(int blanks) {
        for (int i = 0; i < blanks; i++) {
            out.append(' ');
        }
        return out;
    }
}
