package io.ipvsd.daemon.config;

import io.ipvsd.nft.PortRange;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** [[mark]] tables. */
final class MarkRuleParser {
    static final Set<String> KEYS = Set.of("fwmark", "address", "addresses", "protocol", "protocols", "ports",
            "exclude_source_macs", "in_interface");
    private static final long U32_MAX = 0xFFFF_FFFFL;
    private static final Pattern PORT_RANGE = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    private MarkRuleParser() {
    }

    /** Empty when the mark or the addresses could not be read (the reason is reported). */
    static Optional<MarkRuleConfig> parse(TableReader mark) {
        mark.allowOnly(KEYS);
        Optional<Long> fwmark = mark.required("fwmark").flatMap(v -> v.longIn(1, U32_MAX));
        Optional<List<InetAddress>> addresses = addresses(mark);
        Set<Protocol> protocols = protocols(mark);
        List<PortRange> ports = mark.value("ports").map(MarkRuleParser::ports).orElse(List.of());
        if (mark.has("ports") && !mark.has("protocol") && !mark.has("protocols")) {
            mark.keyError("ports", "needs protocol or protocols (a port belongs to a protocol)");
        }
        List<String> macs = mark.value("exclude_source_macs").flatMap(Value::list)
                .map(MarkRuleParser::macs).orElse(List.of());
        String inInterface = mark.interfaceName("in_interface").orElse(null);
        if (fwmark.isEmpty() || addresses.isEmpty()) {
            return Optional.empty();
        }
        Family family = Addresses.familyOf(addresses.get().get(0));
        return Optional.of(new MarkRuleConfig(fwmark.get(), family, addresses.get(), protocols, ports, macs,
                inInterface, mark.pos()));
    }

    /** address = "..." or addresses = [...], all of one family. */
    private static Optional<List<InetAddress>> addresses(TableReader mark) {
        if (mark.has("address") && mark.has("addresses")) {
            mark.keyError("addresses", "give either address or addresses, not both");
            return Optional.empty();
        }
        if (mark.has("address")) {
            return mark.hostAddress("address").map(List::of);
        }
        if (!mark.has("addresses")) {
            mark.error("missing required key \"address\" (or \"addresses\")");
            return Optional.empty();
        }
        Value list = mark.value("addresses").orElseThrow();
        return list.list().flatMap(elements -> {
            if (elements.isEmpty()) {
                list.error("must not be empty");
                return Optional.empty();
            }
            List<InetAddress> addresses = new ArrayList<>();
            for (Value element : elements) {
                element.hostAddress().ifPresent(address -> {
                    Family first = Addresses.familyOf(addresses.isEmpty() ? address : addresses.get(0));
                    if (Addresses.familyOf(address) != first) {
                        element.error(Addresses.familyOf(address) + " address in a rule whose addresses are " + first
                                + " (write one rule per family)");
                    }
                    addresses.add(address);
                });
            }
            return addresses.size() == elements.size() ? Optional.of(addresses) : Optional.empty();
        });
    }

    /** protocol = "tcp" or protocols = [...]; neither means any protocol. */
    private static Set<Protocol> protocols(TableReader mark) {
        Set<Protocol> protocols = EnumSet.noneOf(Protocol.class);
        if (mark.has("protocol") && mark.has("protocols")) {
            mark.keyError("protocols", "give either protocol or protocols, not both");
            return protocols;
        }
        mark.oneOf("protocol", Protocol.class).ifPresent(protocols::add);
        mark.value("protocols").ifPresent(list -> list.list().ifPresent(elements -> {
            if (elements.isEmpty()) {
                list.error("must not be empty (leave it out to match any protocol)");
            }
            elements.forEach(element -> element.oneOf(Protocol.class).ifPresent(protocols::add));
        }));
        return protocols;
    }

    /** Ports as integers or "first-last" strings. */
    private static List<PortRange> ports(Value list) {
        List<PortRange> ranges = new ArrayList<>();
        list.list().ifPresent(elements -> {
            if (elements.isEmpty()) {
                list.error("must not be empty (leave it out to match any port)");
            }
            for (Value element : elements) {
                if (element.raw() instanceof String text) {
                    portRange(element, text).ifPresent(ranges::add);
                } else {
                    element.intIn(1, 65535).ifPresent(port -> ranges.add(new PortRange(port, port)));
                }
            }
        });
        return ranges;
    }

    private static Optional<PortRange> portRange(Value element, String text) {
        Matcher range = PORT_RANGE.matcher(text);
        if (!range.matches()) {
            element.error("not a port or port range: \"" + text + "\" (expected e.g. 443 or \"8000-8100\")");
            return Optional.empty();
        }
        int first = Integer.parseInt(range.group(1));
        int last = range.group(2) == null ? first : Integer.parseInt(range.group(2));
        if (first < 1 || last > 65535) {
            element.error("ports must be in 1..65535, got \"" + text + "\"");
            return Optional.empty();
        }
        if (first > last) {
            element.error("empty port range \"" + text + "\": first port is above last");
            return Optional.empty();
        }
        return Optional.of(new PortRange(first, last));
    }

    private static List<String> macs(List<Value> elements) {
        List<String> macs = new ArrayList<>();
        for (Value element : elements) {
            element.string().ifPresent(text -> {
                if (MAC.matcher(text).matches()) {
                    macs.add(text.toLowerCase(Locale.ROOT));
                } else {
                    element.error("not a MAC address: \"" + text + "\" (expected e.g. \"52:54:00:12:34:56\")");
                }
            });
        }
        return macs;
    }
}
