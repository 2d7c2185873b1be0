package io.ipvsd.cli.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipvsd.cli.Ipvsctl;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `ipvsctl status`: asks the running daemon over its control socket. */
@Command(name = "status", description = "Show the running daemon's state: config, last reconcile, health of every checked real server.")
public final class StatusCommand implements Callable<Integer> {
    private static final long TIMEOUT_MS = 5_000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DaemonSocket daemon;

    @Option(names = "--json", description = "Print the daemon's JSON answer as it is.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        String answer = daemon.request("status", TIMEOUT_MS, spec.commandLine().getErr());
        if (answer == null) {
            return Ipvsctl.EXIT_FAILURE;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(answer);
        } else {
            print(new ObjectMapper().readTree(answer), out);
        }
        return 0;
    }

    static void print(JsonNode s, PrintWriter out) {
        out.printf("config:      %s (generation %d)%n", s.path("config").asText(), s.path("config_generation").asLong());
        if (s.has("config_rejected")) {
            out.printf("REJECTED:    the file changed at %s but has errors; the previous generation keeps running:%n",
                    s.path("config_rejected").path("at").asText());
            s.path("config_rejected").path("errors").forEach(e -> out.println("             " + e.asText()));
        }
        if (s.has("reload_refused")) {
            out.printf("REFUSED:     at %s: %s%n", s.path("reload_refused").path("at").asText(),
                    s.path("reload_refused").path("reason").asText());
        }
        if (s.has("state_file_error")) {
            out.println("STATE FILE:  " + s.path("state_file_error").asText());
        }
        out.printf("running:     since %s, %d ticks, %d changes applied, %d failures%n", s.path("started").asText(),
                s.path("ticks").asLong(), s.path("operations_applied").asLong(), s.path("failures").asLong());
        if (s.has("last_tick_error")) {
            out.printf("PASS ERROR:  %d passes failed, the last at %s: %s%n", s.path("tick_errors").asLong(),
                    s.path("last_tick_error").path("at").asText(), s.path("last_tick_error").path("error").asText());
        }
        JsonNode t = s.path("last_tick");
        if (!t.isMissingNode()) {
            out.printf("last tick:   %s, %.1f ms (%.1f ms reading the kernel, %d real servers), %d planned, %d applied%n",
                    t.path("started").asText(), t.path("duration_ms").asDouble(), t.path("reading_ms").asDouble(),
                    t.path("real_servers_read").asInt(), t.path("planned").asInt(), t.path("applied").asInt());
            if (t.has("oldest_real_server_reading")) {
                out.println("  oldest:    real servers last read at " + t.path("oldest_real_server_reading").asText());
            }
            t.path("failures").forEach(f -> out.println("  refused:   " + f.asText()));
            if (t.has("error")) {
                out.println("  error:     " + t.path("error").asText());
            }
        }
        s.path("unread_services").forEach(u -> out.println("NOT READ:    " + u.path("service").asText() + ": "
                + u.path("reason").asText() + " (left alone)"));
        if (s.path("health").size() > 0) {
            out.println();
            out.printf("%-28s %-26s %-5s %6s  %-26s %s%n", "SERVICE", "REAL SERVER", "STATE", "WEIGHT", "SINCE", "LAST RESULT");
            for (JsonNode h : s.path("health")) {
                String result = h.has("last_result") ? h.path("last_result").asText() + ": " + h.path("reason").asText() : "-";
                out.printf("%-28s %-26s %-5s %6d  %-26s %s%n", h.path("service").asText(), h.path("real_server").asText(),
                        h.path("state").asText(), h.path("weight").asInt(), h.path("since").asText(), result);
            }
        }
        printVrrp(s, out);
    }

    private static void printVrrp(JsonNode s, PrintWriter out) {
        if (s.path("vrrp").size() > 0) {
            out.println();
            out.printf("%-12s %-10s %4s %-7s %9s %-40s %-26s %7s %7s%n", "VRRP", "INTERFACE", "VRID", "STATE", "PRIORITY",
                    "MASTER", "SINCE", "SENT", "RECEIVED");
            for (JsonNode v : s.path("vrrp")) {
                String priority = v.path("effective_priority").asInt() == v.path("priority").asInt()
                        ? v.path("priority").asText() : v.path("effective_priority").asText() + "/" + v.path("priority").asText();
                out.printf("%-12s %-10s %4d %-7s %9s %-40s %-26s %7d %7d%n", v.path("name").asText(),
                        v.path("interface").asText(), v.path("vrid").asInt(), v.path("state").asText(), priority,
                        v.path("master").isNull() ? "-" : v.path("master").asText(), v.path("since").asText(),
                        v.path("adverts_sent").asLong(), v.path("adverts_received").asLong());
                v.path("faults").forEach(f -> out.println("  fault:     " + f.asText()));
                if (v.path("dropped").size() > 0) {
                    StringBuilder dropped = new StringBuilder();
                    v.path("dropped").fields().forEachRemaining(e ->
                            dropped.append(dropped.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asLong()));
                    out.println("  dropped:   " + dropped);
                }
                v.path("warnings").forEach(w -> out.println("  WARNING:   " + w.asText()));
            }
        }
        if (s.path("addresses").size() > 0) {
            out.println();
            out.printf("%-44s %-12s %-16s %-12s %s%n", "ADDRESS", "DEV", "LABEL", "OWNER", "PRESENT");
            for (JsonNode a : s.path("addresses")) {
                out.printf("%-44s %-12s %-16s %-12s %s%n", a.path("address").asText(), a.path("dev").asText(),
                        a.path("label").isNull() ? "-" : a.path("label").asText(),
                        a.path("owner").isNull() ? "(static)" : a.path("owner").asText(), a.path("present").asBoolean() ? "yes" : "no");
            }
        }
    }
}
