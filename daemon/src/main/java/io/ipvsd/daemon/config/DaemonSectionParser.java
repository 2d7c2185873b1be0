package io.ipvsd.daemon.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The [daemon] table. */
final class DaemonSectionParser {
    static final Set<String> KEYS = Set.of("interval", "state_dir", "control_socket", "log_level", "exclusive",
            "drain_timeout", "max_removal_share", "real_servers_per_pass");

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/ipvsd");
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(300);
    /** Half: a file cut short by an editor or a bad merge rarely keeps more than half its services. */
    static final int DEFAULT_MAX_REMOVAL_SHARE = 50;
    /**
     * A table of up to this many real servers is read whole every pass; at 10,000 services x 10 a
     * pass reads a tenth of them besides the ones it must (README, "Scale").
     */
    static final int DEFAULT_REAL_SERVERS_PER_PASS = 10_000;
    // sockaddr_un.sun_path is 108 bytes including the terminating NUL.
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    private DaemonSectionParser() {
    }

    static DaemonSettings parse(TableReader daemon) {
        daemon.allowOnly(KEYS);
        return new DaemonSettings(
                daemon.positiveDuration("interval").orElse(DEFAULT_INTERVAL),
                daemon.value("state_dir").flatMap(DaemonSectionParser::absolutePath).orElse(DEFAULT_STATE_DIR),
                daemon.value("control_socket").flatMap(DaemonSectionParser::socketPath).orElse(DaemonSettings.DEFAULT_CONTROL_SOCKET),
                daemon.oneOf("log_level", LogLevel.class).orElse(LogLevel.INFO),
                daemon.bool("exclusive").orElse(false),
                daemon.duration("drain_timeout").orElse(DEFAULT_DRAIN_TIMEOUT),
                daemon.intIn("max_removal_share", 0, 100).orElse(DEFAULT_MAX_REMOVAL_SHARE),
                daemon.intIn("real_servers_per_pass", 0, Integer.MAX_VALUE).orElse(DEFAULT_REAL_SERVERS_PER_PASS));
    }

    private static Optional<Path> absolutePath(Value value) {
        return value.string().flatMap(text -> {
            try {
                Path path = Path.of(text);
                if (path.isAbsolute()) {
                    return Optional.of(path);
                }
            } catch (InvalidPathException e) {
                // reported below like any other unusable path
            }
            value.error("must be an absolute path, got \"" + text + "\"");
            return Optional.empty();
        });
    }

    private static Optional<Path> socketPath(Value value) {
        return absolutePath(value).filter(path -> {
            boolean fits = path.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES;
            if (!fits) {
                value.error("too long for a Unix socket path (at most " + MAX_SOCKET_PATH_BYTES + " bytes)");
            }
            return fits;
        });
    }
}
