package io.ipvsd.ipvs;

import java.net.InetAddress;

/** Short ways to write keys and settings in tests (the kernel tests in test-vm use them too). */
public final class Fixtures {
    public static final long ALL_ONES = 0xffffffffL;

    private Fixtures() {
    }

    public static InetAddress ip(String literal) {
        return Endpoints.parseAddress(literal);
    }

    public static AddressServiceKey tcp(String address, int port) {
        return new AddressServiceKey(Protocol.TCP, ip(address), port);
    }

    public static AddressServiceKey udp(String address, int port) {
        return new AddressServiceKey(Protocol.UDP, ip(address), port);
    }

    public static DestinationKey dest(String address, int port) {
        return new DestinationKey(ip(address), port);
    }

    /** A plain IPv4 (netmask all ones) or IPv6 (prefix 128) service setting. */
    public static ServiceSettings sched(String scheduler, ServiceKey key) {
        return new ServiceSettings(scheduler, 0, 0, key.family() == AddressFamily.INET ? ALL_ONES : 128, null);
    }

    public static DestinationSettings weight(ForwardingMethod method, int weight) {
        return new DestinationSettings(method, weight, 0, 0, null);
    }
}
