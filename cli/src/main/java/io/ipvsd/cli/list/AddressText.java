package io.ipvsd.cli.list;

import io.ipvsd.ipvs.Endpoints;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * "addr:port" exactly as ipvsadm -n prints it: glibc's inet_ntop, IPv6 in brackets. Endpoints
 * already follows RFC 5952 like glibc; glibc in addition writes the last 32 bits as IPv4 when the
 * first 96 bits are zero ("::1.2.3.4", but "::1" stays) or the address is IPv4-mapped ("::ffff:1.2.3.4").
 */
public final class AddressText {
    private AddressText() {
    }

    public static String of(InetAddress address, int port) {
        return address instanceof Inet6Address ? "[" + address(address) + "]:" + port : address(address) + ":" + port;
    }

    public static String address(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16 && zero(b, 0, 10)) {
            String v4 = (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
            if (zero(b, 10, 12) && (b[12] != 0 || b[13] != 0)) {
                return "::" + v4;
            }
            if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return "::ffff:" + v4;
            }
        }
        return Endpoints.address(address);
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
