package io.ipvsd.daemon.health;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Stable identity of one monitored real server: the same real server in two virtual services is
 * two targets, each with its own state, as in keepalived.
 *
 * @param service identity text of the virtual service, e.g. {@code TCP 192.0.2.10:80}
 * @param address the real server's address
 * @param port    the real server's port
 */
public record TargetKey(String service, InetAddress address, int port) {
    public TargetKey {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(address, "address");
    }

    /** {@code 198.51.100.11:80}, or {@code [2001:db8::1]:80}. */
    public String realServerText() {
        return hostPort(address, port);
    }

    static String hostPort(InetAddress address, int port) {
        return (address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress())
                + ":" + port;
    }

    @Override
    public String toString() {
        return realServerText() + " of " + service;
    }
}
