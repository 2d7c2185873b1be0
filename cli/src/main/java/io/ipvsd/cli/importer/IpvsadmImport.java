package io.ipvsd.cli.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ipvsadm-save -n} / {@code ipvsadm -Sn} lines ("-A -t VIP:PORT -s rr -p 300",
 * "-a -t VIP:PORT -r RIP:PORT -g -w 1") as an ipvsd file that builds the same table.
 */
public final class IpvsadmImport {
    private final Diagnostics d = new Diagnostics();
    private final TomlDocument doc = new TomlDocument(d);
    private final Map<String, String> methodOfService = new LinkedHashMap<>();
    private final Map<String, Integer> portOfService = new LinkedHashMap<>();
    private final List<String> fwmarks = new ArrayList<>();
    private String lastService;

    /** The file, and whether it still needs [[mark]] rules filled in; the notes go to {@code notes}. */
    public record Result(String toml, boolean needsMarks, List<Diagnostics.Note> notes) {
    }

    public static Result run(String source, List<String> lines, String header) throws ImportException {
        IpvsadmImport imp = new IpvsadmImport();
        imp.doc.headComment(header);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            imp.line(source + ":" + (i + 1), line.split("\\s+"));
        }
        for (String fw : imp.fwmarks) {
            String[] parts = fw.split(" ");
            imp.doc.comment("PLACEHOLDER (fill in before use): fwmark " + parts[0] + " (" + parts[1] + ") is set by firewall "
                    + "rules ipvsadm does not hold.\n[[mark]]\nfwmark = " + parts[0] + "\naddress = \""
                    + (parts[1].equals("ipv6") ? "2001:db8::1" : "192.0.2.1") + "\"   # the VIP");
            imp.d.add(source, "-f " + parts[0], "the marking rules are not in the ipvsadm table; a [[mark]] placeholder was written");
        }
        imp.doc.flushNotes();
        return new Result(imp.doc.render(), !imp.fwmarks.isEmpty(), imp.d.notes());
    }

    private void line(String where, String[] w) throws ImportException {
        if (w.length == 0) {
            return;
        }
        switch (w[0]) {
            case "-A", "--add-service" -> service(where, w);
            case "-a", "--add-server" -> real(where, w);
            case "--set" -> timeouts(where, w);
            default -> throw new ImportException(where + ": " + w[0] + ": not an ipvsadm-save line (-A or -a expected)");
        }
    }

    /** ipvsadm's "--set TCP TCPFIN UDP" (0 leaves a timeout alone) as [ipvs.timeouts]. */
    private void timeouts(String where, String[] w) throws ImportException {
        if (w.length != 4 || !(w[1] + w[2] + w[3]).matches("\\d+")) {
            throw new ImportException(where + ": --set: needs three numbers of seconds: tcp tcpfin udp");
        }
        TomlTable t = new TomlTable("[ipvs.timeouts]");
        t.comment("from " + where);
        String[] keys = {"tcp", "tcp_fin", "udp"};
        for (int i = 0; i < 3; i++) {
            if (!w[i + 1].equals("0")) {
                t.put(keys[i], TomlValues.seconds(Long.parseLong(w[i + 1])));
            }
        }
        doc.add(t);
    }

    private void service(String where, String[] w) throws ImportException {
        TomlTable t = new TomlTable("[[service]]");
        t.comment("from " + where);
        boolean v6 = false;
        String key = null;
        Map<String, String> persistence = null;
        String netmask = null;
        for (int i = 1; i < w.length; i++) {
            String o = w[i];
            switch (o) {
                case "-t", "--tcp-service", "-u", "--udp-service", "--sctp-service" -> {
                    String proto = o.startsWith("-t") || o.startsWith("--tcp") ? "tcp" : o.startsWith("-u") || o.startsWith("--udp") ? "udp" : "sctp";
                    String[] ap = hostPort(where, arg(where, w, ++i));
                    t.put("protocol", TomlValues.str(proto));
                    t.put("address", TomlValues.str(ap[0]));
                    t.put("port", ap[1]);
                    key = proto + " " + w[i];
                    portOfService.put(key, Integer.parseInt(ap[1]));
                }
                case "-f", "--fwmark-service" -> {
                    key = "fwmark " + arg(where, w, ++i);
                    t.put("fwmark", w[i]);
                    portOfService.put(key, 0);
                }
                case "-6", "--ipv6" -> v6 = true;
                case "-s", "--scheduler" -> t.put("scheduler", TomlValues.str(arg(where, w, ++i)));
                case "-p", "--persistent" -> {
                    persistence = new LinkedHashMap<>();
                    String next = i + 1 < w.length ? w[i + 1] : null;
                    if (next != null && next.matches("\\d+")) {
                        persistence.put("timeout", next);
                        i++;
                    }
                }
                case "-M", "--netmask" -> netmask = arg(where, w, ++i);
                case "-o", "--ops" -> t.put("one_packet", "true");
                case "-b", "--sched-flags" -> t.put("scheduler_flags", TomlValues.strings(List.of(arg(where, w, ++i).split(","))));
                case "--pe" -> t.put("pe", TomlValues.str(arg(where, w, ++i)));
                default -> throw new ImportException(where + ": " + o + ": not an option ipvsadm-save writes for a service");
            }
        }
        if (key == null) {
            throw new ImportException(where + ": -A: no -t, -u, --sctp-service or -f");
        }
        if (key.startsWith("fwmark")) {
            String family = v6 ? "ipv6" : "ipv4";
            t.put("family", TomlValues.str(family));
            fwmarks.add(key.substring(7) + " " + family);
            key = key + " " + family;
        }
        if (persistence != null) {
            if (netmask != null && !netmask.equals("255.255.255.255") && !netmask.equals("128")) {
                persistence.put("netmask", netmask.contains(".") ? TomlValues.str(netmask) : netmask);
            }
            t.put("persistence", TomlValues.inline(persistence));
        }
        doc.add(t);
        lastService = key;
    }

    private void real(String where, String[] w) throws ImportException {
        TomlTable t = new TomlTable("[[service.real]]");
        String key = null;
        String method = "dr";
        Map<String, String> tunnel = new LinkedHashMap<>();
        boolean v6 = false;
        for (int i = 1; i < w.length; i++) {
            String o = w[i];
            switch (o) {
                case "-t", "--tcp-service", "-u", "--udp-service", "--sctp-service" -> {
                    String proto = o.startsWith("-t") || o.startsWith("--tcp") ? "tcp" : o.startsWith("-u") || o.startsWith("--udp") ? "udp" : "sctp";
                    key = proto + " " + arg(where, w, ++i);
                }
                case "-f", "--fwmark-service" -> key = "fwmark " + arg(where, w, ++i);
                case "-6", "--ipv6" -> v6 = true;
                case "-r", "--real-server" -> {
                    String[] ap = hostPort(where, arg(where, w, ++i));
                    t.put("address", TomlValues.str(ap[0]));
                    t.put("port", ap[1]);
                }
                case "-g", "--gatewaying" -> method = "dr";
                case "-m", "--masquerading" -> method = "nat";
                case "-i", "--ipip" -> method = "tun";
                case "-w", "--weight" -> t.put("weight", arg(where, w, ++i));
                case "-x", "--u-threshold" -> putNonZero(t, "upper_threshold", arg(where, w, ++i));
                case "-y", "--l-threshold" -> putNonZero(t, "lower_threshold", arg(where, w, ++i));
                case "--tun-type" -> tunnel.put("type", TomlValues.str(arg(where, w, ++i)));
                case "--tun-port" -> tunnel.put("port", arg(where, w, ++i));
                case "--tun-nocsum" -> tunnel.put("checksum", TomlValues.str("none"));
                case "--tun-csum" -> tunnel.put("checksum", TomlValues.str("csum"));
                case "--tun-remcsum" -> tunnel.put("checksum", TomlValues.str("remcsum"));
                default -> throw new ImportException(where + ": " + o + ": not an option ipvsadm-save writes for a real server");
            }
        }
        if (key != null && key.startsWith("fwmark")) {
            key = key + " " + (v6 ? "ipv6" : "ipv4");
        }
        if (key == null || !key.equals(lastService)) {
            throw new ImportException(where + ": -a: its service is not the -A line just before it (ipvsadm-save writes each "
                    + "service's real servers right after it)");
        }
        if (!t.has("address")) {
            throw new ImportException(where + ": -a: no -r");
        }
        t.put("method", TomlValues.str(method));
        if (method.equals("tun") && !tunnel.isEmpty()) {
            if ("\"ipip\"".equals(tunnel.get("type")) && "\"none\"".equals(tunnel.get("checksum"))) {
                tunnel.remove("checksum");
            }
            t.put("tunnel", TomlValues.inline(tunnel));
        }
        if (!method.equals("nat")) {
            int servicePort = portOfService.getOrDefault(key, 0);
            if (!t.get("port").equals(Integer.toString(servicePort))) {
                d.add(where, "-r", "port " + t.get("port") + " with " + method + ": the kernel keeps the service port " + servicePort
                        + "; written so");
                t.put("port", Integer.toString(servicePort));
            }
        }
        methodOfService.put(key, method);
        doc.add(t);
    }

    private static void putNonZero(TomlTable t, String key, String value) {
        if (!value.equals("0")) {
            t.put(key, value);
        }
    }

    private static String arg(String where, String[] w, int i) throws ImportException {
        if (i >= w.length) {
            throw new ImportException(where + ": " + w[i - 1] + ": missing its value");
        }
        return w[i];
    }

    /** "192.0.2.1:80", "[2001:db8::1]:80", or an address alone (port 0). */
    private static String[] hostPort(String where, String s) throws ImportException {
        String host;
        String port = "0";
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new ImportException(where + ": " + s + ": unclosed '['");
            }
            host = s.substring(1, close);
            if (close + 1 < s.length() && s.charAt(close + 1) == ':') {
                port = s.substring(close + 2);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        } else {
            host = s;
        }
        if (!port.matches("\\d{1,5}")) {
            throw new ImportException(where + ": " + s + ": bad port (ipvsadm-save -n writes numbers)");
        }
        return new String[] {host, port};
    }
}
