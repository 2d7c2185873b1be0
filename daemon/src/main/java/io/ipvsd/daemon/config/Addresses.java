package io.ipvsd.daemon.config;

import io.ipvsd.ipvs.AddressLiteralException;
import io.ipvsd.ipvs.Endpoints;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/** Address literals as the config takes them: {@link Endpoints#parseAddress}, never a name lookup. */
final class Addresses {
    private Addresses() {
    }

    /** Parses an IPv4 dotted quad or an IPv6 literal; empty for anything else, including names. */
    static Optional<InetAddress> parse(String text) {
        try {
            return Optional.of(Endpoints.parseAddress(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The address, or empty after reporting on the value why not: the rule the text breaks when
     * it has an address's shape (leading zeros, a zone, IPv4-mapped), else {@code otherwise}.
     */
    static Optional<InetAddress> parse(Value value, String text, String otherwise) {
        try {
            return Optional.of(Endpoints.parseAddress(text));
        } catch (AddressLiteralException e) {
            value.error(e.rule() == null ? otherwise : e.quoted());
            return Optional.empty();
        }
    }

    static Family familyOf(InetAddress address) {
        return address instanceof Inet4Address ? Family.IPV4 : Family.IPV6;
    }
}
