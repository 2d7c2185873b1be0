package io.ipvsd.daemon.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The [daemon] table.
 *
 * @param interval      time between two reconciliations of the kernel with this configuration
 * @param exclusive     every IPVS service in the kernel belongs to ipvsd (foreign ones are deleted)
 * @param drainTimeout  default of {@link VirtualServiceConfig#drainTimeout()}
 */
public record DaemonSettings(Duration interval, Path stateDir, Path controlSocket, LogLevel logLevel,
                             boolean exclusive, Duration drainTimeout) {
    /** Where the daemon listens, and where `ipvsctl status` looks, unless configured otherwise. */
    public static final Path DEFAULT_CONTROL_SOCKET = Path.of("/run/ipvsd/ipvsd.sock");
}
