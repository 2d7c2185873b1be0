package io.ipvsd.daemon.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict parsing of IP address literals (never a name lookup). For the text form use
 * {@link io.ipvsd.ipvs.Endpoints}, which IPVS logs and plans use too.
 */
final class Addresses {
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    // No leading zeros: "010" would be octal to some tools and decimal to others.
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    private Addresses() {
    }

    /** Parses an IPv4 dotted quad or an IPv6 literal; empty for anything else, including names. */
    static Optional<InetAddress> parse(String text) {
        try {
            if (IPV4.matcher(text).matches()) {
                return Optional.of(InetAddress.getByName(text));
            }
            // Text with a colon is only ever treated as an IPv6 literal by InetAddress: no DNS.
            // Zone ids ("%eth0") are excluded by the character class: IPVS has no use for them.
            if (text.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(text).matches()) {
                InetAddress address = InetAddress.getByName(text);
                // An IPv4-mapped literal comes back as IPv4; make the user write that instead.
                return address instanceof Inet6Address ? Optional.of(address) : Optional.empty();
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static Family familyOf(InetAddress address) {
        return address instanceof Inet4Address ? Family.IPV4 : Family.IPV6;
    }
}
