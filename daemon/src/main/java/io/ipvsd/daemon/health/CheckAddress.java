package io.ipvsd.daemon.health;

import java.net.InetAddress;

/**
 * Where a network check goes and where it comes from, when not simply to the real server.
 *
 * @param connectPort port to check, or 0 for the real server's own port
 * @param connectIp   address to check instead of the real server's (keepalived's connect_ip), or null
 * @param bindIp      source address of the check (keepalived's bind_ip), or null for the kernel's choice
 */
public record CheckAddress(int connectPort, InetAddress connectIp, InetAddress bindIp) {
    /** The real server's own address and port, from any source address. */
    public static final CheckAddress REAL_SERVER = new CheckAddress(0, null, null);

    public static CheckAddress port(int connectPort) {
        return new CheckAddress(connectPort, null, null);
    }
}
