package io.ipvsd.cli.manage;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.DaemonSettings;
import io.ipvsd.daemon.control.ControlClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The control socket a command talks to (a picocli mixin: `--socket`, else the one `--config`
 * names, else the default), and one request to the daemon over it.
 */
public final class DaemonSocket {
    @Option(names = "--socket", paramLabel = "PATH", description = "The daemon's control socket (default: from --config, else "
            + "/run/ipvsd/ipvsd.sock).")
    private Path socket;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Take the control socket path from this config.")
    private Path config;

    /**
     * Sends {@code request} and returns the daemon's answer, or null after printing why --config
     * cannot be used.
     *
     * @throws IOException when the daemon cannot be reached or does not answer within {@code timeoutMs}
     */
    public String request(String request, long timeoutMs, PrintWriter err) throws IOException {
        Path path = resolve(err);
        if (path == null) {
            return null;
        }
        try {
            return ControlClient.request(path, request, timeoutMs);
        } catch (IOException e) {
            throw new IOException("cannot reach the daemon at " + path + ": " + e.getMessage() + " (is ipvsd running?)", e);
        }
    }

    private Path resolve(PrintWriter err) {
        if (socket != null) {
            return socket;
        }
        if (config != null) {
            Config c = ConfigFiles.load(config, err);
            return c == null ? null : c.daemon().controlSocket();
        }
        return DaemonSettings.DEFAULT_CONTROL_SOCKET;
    }
}
