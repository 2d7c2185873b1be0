package io.ipvsd.cli.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipvsd.cli.Ipvsctl;
import io.ipvsd.daemon.control.ControlClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(names = "--socket", paramLabel = "PATH", description = "The daemon's control socket (default: from --config, else "
            + "/run/ipvsd/ipvsd.sock).")
    private Path socket;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Take the control socket path from this config.")
    private Path config;

    @Option(names = "--allow-removal", description = "Confirm a file that removes every service ipvsd owns, or more than "
            + "[daemon] max_removal_share of them.")
    private boolean allowRemoval;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Path path = DaemonSocket.resolve(socket, config, err);
        if (path == null) {
            return Ipvsctl.EXIT_FAILURE;
        }
        String answer;
        try {
            answer = ControlClient.request(path, allowRemoval ? "reload --allow-removal" : "reload", TIMEOUT_MS);
        } catch (IOException e) {
            throw new IOException("cannot reach the daemon at " + path + ": " + e.getMessage() + " (is ipvsd running?)", e);
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
