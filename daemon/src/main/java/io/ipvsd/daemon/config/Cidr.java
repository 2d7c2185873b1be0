package io.ipvsd.daemon.config;

import io.ipvsd.ipvs.Endpoints;

import java.net.InetAddress;

/** A network prefix such as 198.51.100.0/24; host bits are always zero. */
public record Cidr(InetAddress address, int prefixLength) {

    public Family family() {
        return Addresses.familyOf(address);
    }

    @Override
    public String toString() {
        return Endpoints.address(address) + "/" + prefixLength;
    }
}
