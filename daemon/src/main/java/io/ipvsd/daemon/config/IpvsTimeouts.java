package io.ipvsd.daemon.config;

import java.time.Duration;

/**
 * The [ipvs.timeouts] table (ipvsadm --set), whole seconds. A null field leaves the kernel's value
 * alone, which is also what the kernel does with 0.
 */
public record IpvsTimeouts(Duration tcp, Duration tcpFin, Duration udp) {
}
