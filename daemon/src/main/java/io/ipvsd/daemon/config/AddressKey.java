package io.ipvsd.daemon.config;

import io.ipvsd.ipvs.Endpoints;

import java.net.InetAddress;

/**
 * A service matched by protocol, virtual address and port.
 *
 * @param port 0 means every port (only with persistence)
 */
public record AddressKey(Protocol protocol, InetAddress address, int port) implements ServiceKey {

    @Override
    public Family family() {
        return Addresses.familyOf(address);
    }

    @Override
    public String toString() {
        return protocol + " " + Endpoints.format(address, port);
    }
}
