package io.ipvsd.daemon.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The [daemon] table.
 *
 * @param interval      time between two reconciliations of the kernel with this configuration
 * @param exclusive     every IPVS service in the kernel belongs to ipvsd (foreign ones are deleted)
 * @param drainTimeout  default of {@link VirtualServiceConfig#drainTimeout()}
 * @param maxRemovalShare the largest share (percent, 0..100) of the services ipvsd owns that one
 *                      reload may remove without the operator's confirmation; removing all of
 *                      them always needs it
 * @param realServersPerPass about how many real servers a pass reads besides those it must (new
 *                      to it, draining, or about to be changed); the others keep an earlier
 *                      pass's reading. 0: every pass reads every real server
 */
public record DaemonSettings(Duration interval, Path stateDir, Path controlSocket, LogLevel logLevel,
                             boolean exclusive, Duration drainTimeout, int maxRemovalShare,
                             int realServersPerPass) {
    /** Where the daemon listens, and where `ipvsctl status` looks, unless configured otherwise. */
    public static final Path DEFAULT_CONTROL_SOCKET = Path.of("/run/ipvsd/ipvsd.sock");
}
