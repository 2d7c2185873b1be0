package io.ipvsd.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Text forms of address:port as ipvsadm -n prints them. */
public final class Endpoints {
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    /** No leading zeros: "010" would be octal to some tools and decimal to others. */
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    /** Zone ids ("%eth0") are left out: IPVS has no use for them. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    /** A dotted quad of 1-3 digit numbers of which one has a leading zero ("010", "00"). */
    private static final Pattern LEADING_ZEROS = Pattern.compile("(?=(.*\\.)?0\\d)\\d{1,3}(\\.\\d{1,3}){3}");

    private Endpoints() {
    }

    /**
     * Parses an IPv4 dotted quad or an IPv6 literal. Never resolves a name: InetAddress.getByName
     * would fall back to DNS for anything that is not a valid literal (e.g. "10.0.0.300"), so
     * only text of a literal's shape reaches it; text with a colon it parses as IPv6 or refuses.
     *
     * @throws AddressLiteralException when the text is not an address literal ipvsd takes, with
     *                                  the rule it breaks when it breaks one
     */
    public static InetAddress parseAddress(String text) {
        byte[] quad = dottedQuad(text);
        if (quad != null) {
            try {
                return InetAddress.getByAddress(quad);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 bytes are an IPv4 address", e);
            }
        }
        try {
            if (IPV4.matcher(text).matches()) {
                return InetAddress.getByName(text);
            }
            if (IPV6.matcher(text).matches()) {
                InetAddress address = InetAddress.getByName(text);
                // InetAddress turns an IPv4-mapped literal into the IPv4 address.
                if (address instanceof Inet6Address) {
                    return address;
                }
                throw new AddressLiteralException(text, "IPv4-mapped IPv6: write the IPv4 address " + address.getHostAddress());
            }
        } catch (UnknownHostException e) {
            // not a literal: reported below
        }
        if (LEADING_ZEROS.matcher(text).matches()) {
            throw new AddressLiteralException(text, "leading zeros are not allowed");
        }
        int zone = text.indexOf('%');
        if (zone > 0 && IPV6.matcher(text.substring(0, zone)).matches()) {
            throw new AddressLiteralException(text, "zones are not allowed");
        }
        throw new AddressLiteralException(text, null);
    }

    /**
     * The common case without a regex (a generated file holds 110,000 addresses): the bytes of a
     * dotted quad of numbers 0-255 without leading zeros, or null for anything else, which the
     * patterns then judge and explain.
     */
    private static byte[] dottedQuad(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        int n = text.length();
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + text.charAt(i) - '0';
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || digits > 1 && text.charAt(start) == '0') {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= n || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == n ? out : null;
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
