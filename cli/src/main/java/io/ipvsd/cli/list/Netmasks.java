package io.ipvsd.cli.list;

/** Text of persistence netmasks. */
final class Netmasks {
    private Netmasks() {
    }

    /** A 32-bit IPv4 mask (0xffffff00) in dotted form ("255.255.255.0"). */
    static String ipv4(long mask) {
        return ((mask >>> 24) & 0xff) + "." + ((mask >>> 16) & 0xff) + "." + ((mask >>> 8) & 0xff) + "." + (mask & 0xff);
    }
}
