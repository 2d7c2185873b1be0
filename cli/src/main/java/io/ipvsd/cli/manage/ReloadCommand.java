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

/** `ipvsctl reload`: the running daemon reloads its file now; this waits for the result. */
@Command(name = "reload", description = {"Ask the running daemon to reload its configuration file now, and wait for the result:",
        "\"accepted, generation N\" (exit 0), or every error as file:line:col, or why it was refused (exit 1)."})
public final class ReloadCommand implements Callable<Integer> {
    /** Longer than the daemon's own wait for its running pass, so its answer always arrives. */
    private static final long TIMEOUT_MS = 60_000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DaemonSocket daemon;

    @Option(names = "--allow-removal", description = "Confirm a file that removes every service ipvsd owns, or more than "
            + "[daemon] max_removal_share of them.")
    private boolean allowRemoval;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        String answer = daemon.request(allowRemoval ? "reload --allow-removal" : "reload", TIMEOUT_MS, err);
        if (answer == null) {
            return Ipvsctl.EXIT_FAILURE;
        }
        JsonNode a = new ObjectMapper().readTree(answer);
        switch (a.path("result").asText()) {
            case "accepted" -> {
                spec.commandLine().getOut().println("accepted, generation " + a.path("generation").asLong());
                return 0;
            }
            case "rejected" -> {
                a.path("errors").forEach(e -> err.println(e.asText()));
                err.println("ipvsctl: " + a.path("errors").size() + (a.path("errors").size() == 1 ? " error" : " errors")
                        + "; the daemon keeps its running configuration");
            }
            case "refused", "failed" -> err.println("ipvsctl: " + a.path("reason").asText());
            default -> err.println("ipvsctl: " + (a.has("error") ? a.path("error").asText() : "unexpected answer: " + answer));
        }
        return Ipvsctl.EXIT_FAILURE;
    }
}
