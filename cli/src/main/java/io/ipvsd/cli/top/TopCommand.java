package io.ipvsd.cli.top;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipvsd.cli.IpvsTable;
import io.ipvsd.cli.Ipvsctl;
import io.ipvsd.cli.manage.DaemonSocket;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.Service;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ipvsctl top}: services and real servers with connection and byte rates and the daemon's
 * health, refreshed in place (what operators do with {@code watch -n1 ipvsadm -Ln --rate}). With
 * {@code -n} it prints that many screens one after another, for scripts.
 */
@Command(name = "top", sortOptions = false,
        description = {"Show services and real servers with active connections, new connections and bytes per second "
                + "(from two reads of the kernel's counters) and, when a daemon runs, each real server's health; "
                + "refreshed in place until 'q' or Ctrl-C.",
            "Without a daemon (no control socket) only the kernel's table is shown."})
public final class TopCommand implements Callable<Integer> {
    private static final long HEALTH_TIMEOUT_MS = 500;

    @ParentCommand
    private Ipvsctl ipvsctl;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DaemonSocket daemon;

    @Option(names = {"-d", "--interval"}, paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between two reads (default ${DEFAULT-VALUE}).")
    private double interval;

    @Option(names = {"-n", "--iterations"}, paramLabel = "N",
            description = "Print N screens one after another, without terminal control, then exit (batch mode).")
    private Integer iterations;

    @Option(names = "--netns", paramLabel = "NAME", description = "Work in network namespace NAME (/run/netns/NAME) or at a path.")
    private String netns;

    @Override
    public Integer call() throws Exception {
        if (interval < 0.1 || interval > 3600) {
            throw new ParameterException(spec.commandLine(), "--interval must be in 0.1..3600 seconds, got " + interval);
        }
        if (iterations != null && iterations < 1) {
            throw new ParameterException(spec.commandLine(), "--iterations must be at least 1, got " + iterations);
        }
        long intervalMs = Math.round(interval * 1000);
        try (IpvsTable table = ipvsctl.access().openTable(ipvsctl.netnsPath(netns))) {
            if (iterations != null) {
                return batch(table, intervalMs);
            }
            try (Terminal terminal = Terminal.open()) {
                return interactive(table, terminal, intervalMs);
            }
        }
    }

    /** Every screen has rates: the first read comes one interval before the first screen. */
    private int batch(IpvsTable table, long intervalMs) throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Sample previous = sample(table);
        for (int i = 0; i < iterations; i++) {
            Thread.sleep(intervalMs);
            Sample current = sample(table);
            out.print((i == 0 ? "" : "\n") + TopScreen.render(previous, current, health(), header(), Integer.MAX_VALUE,
                    Integer.MAX_VALUE));
            out.flush();
            previous = current;
        }
        return 0;
    }

    private int interactive(IpvsTable table, Terminal terminal, long intervalMs) throws IOException, InterruptedException {
        Sample previous = null;
        Sample current = sample(table);
        Map<String, String> health = health();
        int[] size = terminal.size();
        terminal.draw(TopScreen.render(null, current, health, header(), size[1], size[0]));
        while (true) {
            long due = System.nanoTime() + intervalMs * 1_000_000;
            while (System.nanoTime() < due) {
                if (terminal.quitPressed()) {
                    return 0;
                }
                int[] now = terminal.size();
                if (now[0] != size[0] || now[1] != size[1]) {
                    size = now;
                    terminal.draw(TopScreen.render(previous, current, health, header(), size[1], size[0]));
                }
                Thread.sleep(50);
            }
            previous = current;
            current = sample(table);
            health = health();
            terminal.draw(TopScreen.render(previous, current, health, header(), size[1], size[0]));
        }
    }

    private String header() {
        return "ipvsctl top  every " + interval + "s  " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  (q to quit)";
    }

    private static Sample sample(IpvsTable table) throws IOException {
        long nanos = System.nanoTime();
        List<Sample.Entry> entries = new ArrayList<>();
        for (Service s : table.services()) {
            entries.add(new Sample.Entry(s, table.destinations(s.key())));
        }
        return new Sample(nanos, entries);
    }

    /**
     * The daemon writes an IPv6 real server in Java's long form ("[2001:db8:0:0:0:0:0:1]:80"); the
     * table's keys use RFC 5952 ("[2001:db8::1]:80").
     */
    static String canonical(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        try {
            return Endpoints.format(Endpoints.parseAddress(host), Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (RuntimeException e) {
            return hostPort;
        }
    }

    /**
     * Real server "addr:port" to its state, from the daemon; empty when no daemon answers. The
     * daemon names services by their configured names, the kernel by address: a real server in
     * two services shows both states ("UP/DOWN") when they differ.
     */
    private Map<String, String> health() {
        Map<String, String> out = new HashMap<>();
        try {
            String answer = daemon.request("status", HEALTH_TIMEOUT_MS, new PrintWriter(new StringWriter()));
            if (answer != null) {
                for (JsonNode h : new ObjectMapper().readTree(answer).path("health")) {
                    out.merge(canonical(h.path("real_server").asText()), h.path("state").asText(),
                            (a, b) -> a.equals(b) ? a : a + "/" + b);
                }
            }
        } catch (IOException e) {
            // No daemon: the kernel's table alone, as documented.
        }
        return out;
    }
}
