package io.ipvsd.cli.list;

import io.ipvsd.ipvs.conn.IpvsConnection;
import java.net.InetAddress;
import java.util.List;

/**
 * Which connections {@code list -c} shows: those to a virtual address (and port, when given) and/or
 * from a client address. Null parts match everything.
 */
record ConnectionFilter(ServiceAddress virtual, InetAddress client) {

    List<IpvsConnection> apply(List<IpvsConnection> connections) {
        return connections.stream().filter(this::matches).toList();
    }

    private boolean matches(IpvsConnection c) {
        if (virtual != null && (!virtual.address().equals(c.virtualAddress())
                || (virtual.port() >= 0 && virtual.port() != c.virtualPort()))) {
            return false;
        }
        return client == null || client.equals(c.clientAddress());
    }
}
