package io.ipvsd.cli.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The LVS half of a keepalived.conf: virtual_server (by address, fwmark or group) and
 * virtual_server_group, as ipvsd [[service]] tables. It builds what keepalived 2.2.7's
 * check_parser.c and check_data.c's validate_check_config() build, including their corrections
 * (each reported): no protocol is UDP, no method is NAT, no scheduler is wlc, port 0 without
 * persistence becomes persistent, DR/TUN real-server ports become the service port, a service
 * without real servers is dropped, a duplicate real server is dropped, ops on TCP/SCTP is cleared.
 */
final class KeepalivedLvs {
    static final Set<String> SCHEDULERS = Set.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq",
            "fo", "ovf", "mh", "twos");
    private static final long DEFAULT_PERSISTENCE = 360;

    /** A fwmark service needing a [[mark]] rule: its mark, family and where it was written. */
    record MarkNeed(long mark, String family, String where) {
    }

    private record Target(String address, int port, Long fwmark, String family) {
    }

    private final Diagnostics d;
    private final KeepalivedChecks checks;
    private final Map<String, List<Target>> groups = new LinkedHashMap<>();
    final Set<MarkNeed> marks = new LinkedHashSet<>();
    final List<String> serviceKeys = new ArrayList<>();

    KeepalivedLvs(Diagnostics d) {
        this.d = d;
        this.checks = new KeepalivedChecks(d);
    }

    void readGroup(ConfNode node) {
        String name = node.line().word(1);
        List<Target> entries = new ArrayList<>();
        for (ConfNode n : node.block()) {
            ConfLine l = n.line();
            if (l.keyword().equals("fwmark")) {
                Long mark = KeepalivedValues.number(l, 1, 1, 4294967295L, d);
                if (mark != null) {
                    String fam = "inet6".equals(l.word(2)) ? "ipv6" : "inet".equals(l.word(2)) ? "ipv4" : null;
                    entries.add(new Target(null, 0, mark, fam));
                }
                continue;
            }
            int port = 0;
            if (l.word(1) != null) {
                Long p = KeepalivedValues.number(l, 1, 0, 65535, d);
                if (p == null) {
                    continue;
                }
                port = p.intValue();
            }
            for (String address : Addresses.range(l, l.keyword(), d)) {
                entries.add(new Target(address, port, null, Addresses.family(address)));
            }
        }
        if (entries.isEmpty()) {
            d.add(node.line(), "virtual server group " + name + " has no entries - removing (as keepalived)");
            return;
        }
        groups.put(name, entries);
    }

    void translate(ConfNode vs, TomlDocument doc) {
        ConfLine head = vs.line();
        List<Target> targets = new ArrayList<>();
        String first = head.word(1);
        if (first == null) {
            d.add(head, "virtual_server without address; skipped");
            return;
        }
        if (first.equals("group")) {
            List<Target> g = groups.get(head.word(2));
            if (g == null) {
                d.add(head, "virtual server group " + head.word(2) + " does not exist; keepalived drops this virtual server");
                return;
            }
            targets.addAll(g);
        } else if (first.equals("fwmark")) {
            Long mark = KeepalivedValues.number(head, 2, 1, 4294967295L, d);
            if (mark == null) {
                return;
            }
            targets.add(new Target(null, 0, mark, null));
        } else {
            int port = 0;
            if (head.word(2) != null) {
                Long p = KeepalivedValues.number(head, 2, 0, 65535, d);
                if (p == null) {
                    return;
                }
                port = p.intValue();
            }
            targets.add(new Target(first, port, null, Addresses.family(first)));
        }

        KeepalivedChecks.Timing vsTiming = new KeepalivedChecks.Timing();
        String scheduler = null;
        String protocol = null;
        String method = null;
        Map<String, String> tunnel = null;
        Long persistence = null;
        String granularity = null;
        String pe = null;
        boolean ops = false;
        List<String> flags = new ArrayList<>();
        Long quorum = null;
        Long hysteresis = null;
        boolean inhibit = false;
        String family = null;
        long vsWeight = 1;
        String virtualhost = null;
        ConfLine sorryLine = null;
        String sorryMethod = null;
        Map<String, String> sorryTunnel = null;
        List<ConfNode> reals = new ArrayList<>();
        ConfLine opsLine = null;
        for (ConfNode n : vs.block()) {
            ConfLine l = n.line();
            if (vsTiming.read(n, d)) {
                continue;
            }
            switch (l.keyword()) {
                case "lb_algo", "lvs_sched" -> {
                    if (l.word(1) != null && SCHEDULERS.contains(l.word(1))) {
                        scheduler = l.word(1);
                    } else {
                        d.add(l, "Invalid lvs_scheduler '" + l.word(1) + "' - ignoring (as keepalived)");
                    }
                }
                case "lb_kind", "lvs_method" -> {
                    String[] m = forwarding(l);
                    if (m != null) {
                        method = m[0];
                        tunnel = tunnelOf(l);
                    }
                }
                case "protocol" -> {
                    String p = l.word(1) == null ? "" : l.word(1).toLowerCase();
                    if (p.equals("tcp") || p.equals("udp") || p.equals("sctp")) {
                        protocol = p;
                    } else {
                        d.add(l, "Unknown protocol " + l.word(1) + " - ignoring (as keepalived)");
                    }
                }
                case "persistence_timeout" -> persistence = l.word(1) == null ? DEFAULT_PERSISTENCE
                        : KeepalivedValues.number(l, 1, 1, 2678400, d);
                case "persistence_granularity" -> granularity = l.word(1);
                case "persistence_engine" -> {
                    if ("sip".equals(l.word(1))) {
                        pe = "sip";
                    } else {
                        d.add(l, "persistence engine " + l.word(1) + ": ipvsd knows only sip");
                    }
                }
                case "ops" -> {
                    ops = true;
                    opsLine = l;
                }
                case "sh-port", "sh-fallback", "mh-port", "mh-fallback" -> {
                    String sched = scheduler;
                    if (sched != null && l.keyword().startsWith(sched + "-")) {
                        flags.add(l.keyword());
                    } else {
                        d.add(l, l.keyword() + " only applies to the " + l.keyword().substring(0, 2)
                                + " scheduler (set before it) - ignoring (as keepalived)");
                    }
                }
                case "flag-1", "flag-2" -> {
                    // flag-1 and flag-2 are the kernel's SCHED1 (fallback) and SCHED2 (port) bits.
                    if ("sh".equals(scheduler) || "mh".equals(scheduler)) {
                        flags.add(scheduler + (l.keyword().equals("flag-1") ? "-fallback" : "-port"));
                    } else {
                        d.add(l, "scheduler flag without meaning for scheduler " + scheduler + "; ipvsd refuses it, dropped");
                    }
                }
                case "flag-3" -> d.add(l, "the kernel's third scheduler flag has no scheduler using it; dropped");
                case "hashed" -> d.add(l, "obsolete flag without effect in the kernel; dropped");
                case "quorum" -> quorum = KeepalivedValues.number(l, 1, 1, 2147483647L, d);
                case "hysteresis" -> hysteresis = KeepalivedValues.number(l, 1, 0, 2147483647L, d);
                case "inhibit_on_failure" -> inhibit = l.word(1) == null || KeepalivedValues.truth(l.word(1));
                case "ip_family" -> family = "inet6".equals(l.word(1)) ? "ipv6" : "ipv4";
                case "weight" -> {
                    Long w = KeepalivedValues.number(l, 1, 0, 65535, d);
                    if (w != null) {
                        vsWeight = w;
                    }
                }
                case "virtualhost" -> virtualhost = l.word(1);
                case "sorry_server" -> sorryLine = l;
                case "sorry_server_lvs_method" -> {
                    String[] m = forwarding(l);
                    if (m != null) {
                        sorryMethod = m[0];
                        sorryTunnel = tunnelOf(l);
                    }
                }
                case "sorry_server_inhibit" -> d.add(l, "ipvsd's sorry server is never health checked nor inhibited; dropped");
                case "real_server" -> reals.add(n);
                case "quorum_up", "quorum_down" -> d.add(l, "ipvsd runs the service's notify command on quorum_up/quorum_lost "
                        + "with the event in IPVSD_EVENT; per-event scripts are not carried over");
                case "ha_suspend", "omega", "smtp_alert", "snmp_name" -> d.add(l, "no ipvsd equivalent; dropped");
                default -> d.add(l, "Unknown keyword in virtual_server; dropped");
            }
        }

        if (reals.isEmpty()) {
            d.add(head, "Virtual server has no real servers - keepalived ignores it, so it is not imported");
            return;
        }
        if (method == null) {
            method = "nat";
            d.add(head, "no lb_kind/lvs_method: keepalived sets the default NAT, written out as method = \"nat\"");
        }
        if (scheduler == null) {
            scheduler = "wlc";
            d.add(head, "no lb_algo: keepalived sets the default 'wlc'");
        }
        boolean byAddress = targets.stream().anyMatch(t -> t.fwmark == null);
        if (byAddress && protocol == null) {
            protocol = "udp";
            d.add(head, "no protocol set - keepalived defaults to UDP (written out as protocol = \"udp\")");
        }
        if (ops && byAddress && !"udp".equals(protocol)) {
            ops = false;
            d.add(opsLine, "one packet scheduling requires UDP - keepalived resets it");
        }
        if (persistence == null && granularity != null) {
            persistence = DEFAULT_PERSISTENCE;
        }
        if (persistence == null && targets.stream().anyMatch(t -> t.fwmark == null && t.port == 0)) {
            persistence = DEFAULT_PERSISTENCE;
            d.add(head, "zero port only valid for persistent services - keepalived sets persistence_timeout 360");
        }
        if (family == null) {
            family = familyOfReals(reals, targets);
        }

        for (Target target : targets) {
            TomlTable svc = doc.table("[[service]]");
            svc.comment("from " + head.where() + ": " + String.join(" ", head.words()));
            String targetFamily = target.family != null ? target.family : family;
            if (target.fwmark != null) {
                svc.put("fwmark", TomlValues.num(target.fwmark));
                svc.put("family", TomlValues.str(targetFamily));
                marks.add(new MarkNeed(target.fwmark, targetFamily, head.where()));
                serviceKeys.add("FWM " + target.fwmark + " " + targetFamily);
            } else {
                svc.put("protocol", TomlValues.str(protocol));
                svc.put("address", TomlValues.str(target.address));
                svc.put("port", TomlValues.num(target.port));
                serviceKeys.add(protocol.toUpperCase() + " " + target.address + ":" + target.port);
            }
            svc.put("scheduler", TomlValues.str(scheduler));
            if (!flags.isEmpty()) {
                svc.put("scheduler_flags", TomlValues.strings(new ArrayList<>(new LinkedHashSet<>(flags))));
            }
            if (persistence != null) {
                Map<String, String> p = new LinkedHashMap<>();
                p.put("timeout", TomlValues.num(persistence));
                if (granularity != null) {
                    p.put("netmask", granularity.contains(".") ? TomlValues.str(granularity) : granularity);
                }
                svc.put("persistence", TomlValues.inline(p));
            }
            if (ops) {
                svc.put("one_packet", "true");
            }
            if (pe != null) {
                svc.put("pe", TomlValues.str(pe));
            }
            if (inhibit) {
                svc.put("inhibit_on_failure", "true");
            }
            if (quorum != null) {
                svc.put("quorum", TomlValues.num(quorum));
                if (hysteresis != null && hysteresis > 0) {
                    svc.put("quorum_hysteresis", TomlValues.num(Math.min(hysteresis, quorum)));
                }
            }
            int servicePort = target.fwmark != null ? 0 : target.port;
            if (sorryLine != null) {
                sorryServer(svc, sorryLine, sorryMethod != null ? sorryMethod : method,
                        sorryMethod != null ? sorryTunnel : tunnel, servicePort);
            }
            Set<String> seen = new LinkedHashSet<>();
            for (ConfNode rs : reals) {
                realServer(doc, rs, method, tunnel, servicePort, vsWeight, inhibit, vsTiming, virtualhost, seen);
            }
        }
    }

    private void sorryServer(TomlTable svc, ConfLine l, String method, Map<String, String> tunnel, int servicePort) {
        if (l.word(1) == null) {
            d.add(l, "no address; keepalived ignores it");
            return;
        }
        Map<String, String> s = new LinkedHashMap<>();
        s.put("address", TomlValues.str(l.word(1)));
        int port = l.word(2) == null ? servicePort : Integer.parseInt(l.word(2));
        if (!method.equals("nat") && port != servicePort) {
            d.add(l, "port " + port + " with " + method.toUpperCase() + ": the kernel uses the service port " + servicePort
                    + "; written so");
            port = servicePort;
        }
        s.put("port", TomlValues.num(port));
        s.put("method", TomlValues.str(method));
        if (tunnel != null && method.equals("tun")) {
            s.put("tunnel", TomlValues.inline(tunnel));
        }
        svc.put("sorry_server", TomlValues.inline(s));
    }

    private void realServer(TomlDocument doc, ConfNode rs, String vsMethod, Map<String, String> vsTunnel, int servicePort,
                            long vsWeight, boolean vsInhibit, KeepalivedChecks.Timing vsTiming, String vsHost, Set<String> seen) {
        ConfLine l = rs.line();
        String address = l.word(1);
        if (address == null) {
            d.add(l, "real_server without address; skipped");
            return;
        }
        int writtenPort = 0;
        if (l.word(2) != null) {
            Long p = KeepalivedValues.number(l, 2, 0, 65535, d);
            if (p == null) {
                return;
            }
            writtenPort = p.intValue();
        }
        String method = vsMethod;
        Map<String, String> tunnel = vsTunnel;
        long weight = vsWeight;
        Long upper = null;
        Long lower = null;
        String host = vsHost;
        KeepalivedChecks.Timing timing = new KeepalivedChecks.Timing();
        List<ConfNode> checkers = new ArrayList<>();
        for (ConfNode n : rs.block()) {
            ConfLine c = n.line();
            if (timing.read(n, d)) {
                continue;
            }
            switch (c.keyword()) {
                case "weight" -> {
                    Long w = KeepalivedValues.number(c, 1, 0, 65535, d);
                    if (w != null) {
                        weight = w;
                    }
                }
                case "lvs_method" -> {
                    String[] m = forwarding(c);
                    if (m != null) {
                        method = m[0];
                        tunnel = tunnelOf(c);
                    }
                }
                case "uthreshold" -> upper = KeepalivedValues.number(c, 1, 0, 4294967295L, d);
                case "lthreshold" -> lower = KeepalivedValues.number(c, 1, 0, 4294967295L, d);
                case "inhibit_on_failure" -> {
                    boolean on = c.word(1) == null || KeepalivedValues.truth(c.word(1));
                    if (on != vsInhibit) {
                        d.add(c, "ipvsd sets inhibit_on_failure per service; the virtual server's setting ("
                                + vsInhibit + ") applies to this real server");
                    }
                }
                case "virtualhost" -> host = c.word(1);
                case "TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK", "SMTP_CHECK", "DNS_CHECK", "UDP_CHECK",
                     "PING_CHECK", "BFD_CHECK", "FILE_CHECK" -> checkers.add(n);
                case "notify_up", "notify_down" -> d.add(c, "ipvsd runs the service's notify command on rs_up/rs_down "
                        + "(IPVSD_EVENT); per-real-server scripts are not carried over");
                case "smtp_alert", "snmp_name" -> d.add(c, "no ipvsd equivalent; dropped");
                default -> d.add(c, "Unknown keyword in real_server; dropped");
            }
        }
        int port = writtenPort;
        if (!method.equals("nat") && port != servicePort) {
            d.add(l, "port " + writtenPort + " with " + method.toUpperCase() + ": the kernel forwards to the service port "
                    + servicePort + " (keepalived passes it so); written as port = " + servicePort
                    + (checkers.isEmpty() ? "" : ", the checks keep connecting to " + writtenPort));
            port = servicePort;
        }
        String key = address + "|" + port;
        if (!seen.add(key)) {
            d.add(l, "real server is duplicated - keepalived removes the second one");
            return;
        }
        TomlTable real = doc.table("[[service.real]]");
        real.put("address", TomlValues.str(address));
        real.put("port", TomlValues.num(port));
        real.put("method", TomlValues.str(method));
        if (tunnel != null && method.equals("tun")) {
            real.put("tunnel", TomlValues.inline(tunnel));
        }
        real.put("weight", TomlValues.num(weight));
        if (upper != null && upper > 0) {
            real.put("upper_threshold", TomlValues.num(upper));
        }
        if (lower != null && lower > 0) {
            if (upper != null && upper > 0 && lower > upper) {
                d.add(rs.line(), "lthreshold " + lower + " above uthreshold " + upper + ": ipvsd refuses it; dropped");
            } else {
                real.put("lower_threshold", TomlValues.num(lower));
            }
        }
        KeepalivedChecks.Timing effective = timing.inherit(vsTiming);
        List<String> translated = new ArrayList<>();
        for (ConfNode checker : checkers) {
            Map<String, String> check = checks.translate(checker, effective, writtenPort, port, host);
            if (check != null) {
                translated.add(TomlValues.inline(check));
            }
        }
        if (translated.size() == 1) {
            real.put("health_check", translated.get(0));
        } else if (translated.size() > 1) {
            real.put("health_checks", TomlValues.array(translated));
        }
    }

    /** lb_kind / lvs_method NAT|DR|TUN as ipvsd's method name; null (reported) when unknown. */
    private String[] forwarding(ConfLine l) {
        String m = l.word(1);
        if ("NAT".equals(m)) {
            return new String[] {"nat"};
        }
        if ("DR".equals(m)) {
            return new String[] {"dr"};
        }
        if ("TUN".equals(m)) {
            return new String[] {"tun"};
        }
        d.add(l, "PARSER : unknown [" + m + "] routing method - ignoring (as keepalived)");
        return null;
    }

    /** "TUN type gue port 6080 csum" as an ipvsd tunnel table; null for plain IPIP. */
    private Map<String, String> tunnelOf(ConfLine l) {
        if (!"TUN".equals(l.word(1)) || l.words().size() <= 2) {
            return null;
        }
        Map<String, String> t = new LinkedHashMap<>();
        for (int i = 2; i < l.words().size(); i++) {
            String w = l.word(i);
            switch (w) {
                case "type" -> t.put("type", TomlValues.str(l.word(++i) == null ? "ipip" : l.word(i)));
                case "port" -> t.put("port", l.word(++i) == null ? "0" : l.word(i));
                case "csum", "remcsum" -> t.put("checksum", TomlValues.str(w));
                case "nocsum" -> t.put("checksum", TomlValues.str("none"));
                default -> d.add(l, "Invalid tunnel option " + w + " - keepalived ignores the method");
            }
        }
        return t;
    }

    /** keepalived's vs_end_handler: a fwmark service takes the family of its real servers, IPv4 when mixed. */
    private static String familyOfReals(List<ConfNode> reals, List<Target> targets) {
        for (Target t : targets) {
            if (t.family != null) {
                return t.family;
            }
        }
        String fam = null;
        for (ConfNode rs : reals) {
            String a = rs.line().word(1);
            if (a == null) {
                continue;
            }
            String f = Addresses.family(a);
            if (fam == null) {
                fam = f;
            } else if (!fam.equals(f)) {
                return "ipv4";
            }
        }
        return fam == null ? "ipv4" : fam;
    }
}
