package io.ipvsd.ipvs;

import java.net.Inet4Address;
import java.net.InetAddress;

/** AF_INET / AF_INET6, as IPVS carries them in IPVS_*_ATTR_AF. */
public enum AddressFamily {
    INET(2, "IPv4"),
    INET6(10, "IPv6");

    /** values() copies its array on every call, and every decoded reply looks one up. */
    private static final AddressFamily[] DECODABLE = values();

    private final int value;
    private final String label;

    AddressFamily(int value, String label) {
        this.value = value;
        this.label = label;
    }

    public int value() {
        return value;
    }

    /** "IPv4" / "IPv6", as ipvsadm prints for fwmark services. */
    public String label() {
        return label;
    }

    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet4Address ? INET : INET6;
    }

    public static AddressFamily fromValue(int value) {
        for (AddressFamily f : DECODABLE) {
            if (f.value == value) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown address family " + value);
    }
}
