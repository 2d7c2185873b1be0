package io.ipvsd.cli.top;

import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.Stats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of one {@code ipvsctl top} screen, a pure function of two samples, the health the
 * daemon reports and the terminal's size: per service and real server the active and inactive
 * connections, new connections per second and bytes per second in and out (the counters'
 * difference over the time between the samples), and the real server's health. Lines are cut to
 * the width and the table to the height (the last line then says how many rows are hidden).
 */
final class TopScreen {
    private static final String ROW = "%-5s %-44s %8s %9s %9s %10s %10s  %s";

    private TopScreen() {
    }

    /**
     * @param previous the earlier sample, or null for the first screen (rates then show "-")
     * @param health   real server "addr:port" to its state from the daemon; empty without a daemon
     * @param header   the first line (source, interval, time)
     */
    static String render(Sample previous, Sample current, Map<String, String> health, String header, int width, int height) {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        lines.add(String.format(ROW, "Prot", "LocalAddress:Port / -> RemoteAddress:Port", "ActConn", "InActConn", "Conn/s",
                "InBytes/s", "OutBytes/s", health.isEmpty() ? "" : "Health").stripTrailing());
        Map<String, Stats> before = previous == null ? Map.of() : statsByRow(previous);
        double seconds = previous == null ? 0 : (current.nanos() - previous.nanos()) / 1e9;
        for (Sample.Entry e : current.services()) {
            String key = e.service().key().toString();
            long active = 0;
            long inactive = 0;
            for (Destination d : e.destinations()) {
                active += d.activeConnections();
                inactive += d.inactiveConnections();
            }
            String[] protAndAddress = key.split(" ", 2);
            lines.add(row(protAndAddress[0], protAndAddress.length > 1 ? protAndAddress[1] : "", active, inactive,
                    e.service().stats(), before.get(key), seconds, ""));
            for (Destination d : e.destinations()) {
                String rs = d.key().toString();
                lines.add(row("", "  -> " + rs, d.activeConnections(), d.inactiveConnections(), d.stats(),
                        before.get(key + " " + rs), seconds, health.getOrDefault(rs, health.isEmpty() ? "" : "-")));
            }
        }
        if (current.services().isEmpty()) {
            lines.add("(no IPVS services)");
        }
        return fit(lines, width, height);
    }

    private static String row(String prot, String address, long active, long inactive, Stats now, Stats before,
                              double seconds, String health) {
        return String.format(ROW, prot, address, active, inactive, rate(now, before, seconds, Stats::connections),
                rate(now, before, seconds, Stats::inBytes), rate(now, before, seconds, Stats::outBytes), health).stripTrailing();
    }

    private static String rate(Stats now, Stats before, double seconds, java.util.function.ToLongFunction<Stats> counter) {
        if (before == null || seconds <= 0) {
            return "-";
        }
        long delta = counter.applyAsLong(now) - counter.applyAsLong(before);
        // A counter that went back was zeroed (ipvsadm -Z) or the entry was recreated.
        return delta < 0 ? "-" : human(delta / seconds);
    }

    /** Rates as ipvsadm prints large numbers: plain below 100000, then K, M, G. */
    static String human(double perSecond) {
        long v = Math.round(perSecond);
        if (v < 100_000) {
            return Long.toString(v);
        }
        String[] units = {"K", "M", "G", "T"};
        double d = v;
        int u = -1;
        while (d >= 1000 && u < units.length - 1) {
            d /= 1000;
            u++;
        }
        return Math.round(d) + units[u];
    }

    private static Map<String, Stats> statsByRow(Sample s) {
        Map<String, Stats> out = new HashMap<>();
        for (Sample.Entry e : s.services()) {
            String key = e.service().key().toString();
            out.put(key, e.service().stats());
            for (Destination d : e.destinations()) {
                out.put(key + " " + d.key(), d.stats());
            }
        }
        return out;
    }

    private static String fit(List<String> lines, int width, int height) {
        List<String> shown = lines;
        if (lines.size() > height) {
            int keep = Math.max(height - 1, 0);
            shown = new ArrayList<>(lines.subList(0, keep));
            shown.add("... " + (lines.size() - keep) + " more rows (enlarge the terminal)");
        }
        StringBuilder out = new StringBuilder();
        for (String l : shown) {
            out.append(l.length() > width ? l.substring(0, Math.max(width, 0)) : l).append('\n');
        }
        return out.toString();
    }
}
