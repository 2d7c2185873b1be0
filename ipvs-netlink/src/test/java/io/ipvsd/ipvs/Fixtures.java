package io.ipvsd.ipvs;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Short ways to write keys and settings in tests. */
final class Fixtures {
    static final long ALL_ONES = 0xffffffffL;

    private Fixtures() {
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

    static AddressServiceKey udp(String address, int port) {
        return new AddressServiceKey(Protocol.UDP, ip(address), port);
    }

    static DestinationKey dest(String address, int port) {
        return new DestinationKey(ip(address), port);
    }

    /** A plain IPv4 (netmask all ones) or IPv6 (prefix 128) service setting. */
    static ServiceSettings sched(String scheduler, ServiceKey key) {
        return new ServiceSettings(scheduler, 0, 0, key.family() == AddressFamily.INET ? ALL_ONES : 128, null);
    }

    static DestinationSettings weight(ForwardingMethod method, int weight) {
        return new DestinationSettings(method, weight, 0, 0, null);
    }
}
