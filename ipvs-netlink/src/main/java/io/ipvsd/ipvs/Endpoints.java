package io.ipvsd.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text forms of address:port as ipvsadm -n prints them. */
public final class Endpoints {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private Endpoints() {
    }

    /**
     * Parses an IPv4 or IPv6 address literal. Never resolves a name: InetAddress.getByName would
     * fall back to DNS for anything that is not a valid literal (e.g. "10.0.0.300").
     *
     * @throws IllegalArgumentException when the text is not an address literal
     */
    public static InetAddress parseAddress(String text) {
        Matcher m = IPV4.matcher(text);
        if (m.matches()) {
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(m.group(i + 1));
                if (v > 255) {
                    throw new IllegalArgumentException("not an IP address: " + text);
                }
                b[i] = (byte) v;
            }
            return byAddress(b, text);
        }
        if (IPV6.matcher(text).matches()) {
            try {
                // A string with ':' is parsed as an IPv6 literal or refused, without a lookup.
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + text);
            }
        }
        throw new IllegalArgumentException("not an IP address: " + text);
    }

    private static InetAddress byAddress(byte[] bytes, String text) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
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
