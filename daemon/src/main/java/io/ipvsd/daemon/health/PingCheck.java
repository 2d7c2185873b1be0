package io.ipvsd.daemon.health;

import java.net.InetAddress;

/**
 * keepalived's PING_CHECK: an ICMP (ICMPv6 for IPv6) echo request answered within the timeout.
 *
 * @param connectIp address to ping instead of the real server's, or null
 */
public record PingCheck(InetAddress connectIp) implements CheckSpec {
}
