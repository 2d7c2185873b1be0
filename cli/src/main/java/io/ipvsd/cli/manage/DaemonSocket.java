package io.ipvsd.cli.manage;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.DaemonSettings;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The control socket a command talks to: --socket, else the one --config names, else the default. */
final class DaemonSocket {
    private DaemonSocket() {
    }

    /** The path, or null after printing why --config cannot be used. */
    static Path resolve(Path socket, Path config, PrintWriter err) {
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
