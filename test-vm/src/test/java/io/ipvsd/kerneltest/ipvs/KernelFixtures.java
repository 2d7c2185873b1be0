package io.ipvsd.kerneltest.ipvs;

import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Short ways to write addresses and keys in the kernel tests. */
final class KernelFixtures {
    private KernelFixtures() {
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static AddressServiceKey tcp(String address, int port) {
        return new AddressServiceKey(Protocol.TCP, ip(address), port);
    }

    static DestinationKey dest(String address, int port) {
        return new DestinationKey(ip(address), port);
    }
}
