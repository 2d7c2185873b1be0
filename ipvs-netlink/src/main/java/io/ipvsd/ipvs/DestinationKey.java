package io.ipvsd.ipvs;

import java.net.InetAddress;

/** A real server within a service: address and port. */
public record DestinationKey(InetAddress address, int port) {
    @Override
    public String toString() {
        return Endpoints.format(address, port);
    }
}
