package io.ipvsd.ipvs;

import java.net.InetAddress;

public record AddressServiceKey(Protocol protocol, InetAddress address, int port) implements ServiceKey {
    public AddressServiceKey {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    @Override
    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    @Override
    public String toString() {
        return protocol + " " + Endpoints.format(address, port);
    }
}
