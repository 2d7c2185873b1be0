package io.ipvsd.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Text forms of address:port as ipvsadm -n prints them. */
public final class Endpoints {
    private Endpoints() {
    }

    /** "192.0.2.1:80" or "[2001:db8::1]:80". */
    public static String format(InetAddress address, int port) {
        return address instanceof Inet6Address ? "[" + address(address) + "]:" + port : address(address) + ":" + port;
    }

    /** The address without any host name or scope, IPv6 in its compressed form. */
    public static String address(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        return compress(address.getAddress());
    }

    /** RFC 5952 text: longest run of zero groups (at least two) becomes "::". */
    private static String compress(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
