package io.ipvsd.ipvs;

/** Text of a service's persistence netmask: the one formatter for plans, `ipvsctl list` and its JSON. */
public final class Netmask {
    private Netmask() {
    }

    /** Dotted for IPv4 ("255.255.255.0" for 0xffffff00), the prefix length for IPv6 ("64"). */
    public static String text(AddressFamily family, long netmask) {
        return family == AddressFamily.INET6 ? Long.toString(netmask) : ipv4(netmask);
    }

    /** A 32-bit IPv4 mask in dotted form. */
    public static String ipv4(long mask) {
        return ((mask >>> 24) & 0xff) + "." + ((mask >>> 16) & 0xff) + "." + ((mask >>> 8) & 0xff) + "." + (mask & 0xff);
    }
}
