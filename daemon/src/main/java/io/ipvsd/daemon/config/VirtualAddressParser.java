package io.ipvsd.daemon.config;

import io.ipvsd.ipvs.Endpoints;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Addresses ipvsd puts on interfaces: an element of virtual_ipaddress, written as keepalived does
 * ("ADDR[/LEN] [dev IF] [label LABEL]") or as a table, and [[static_ipaddress]] tables.
 */
final class VirtualAddressParser {
    static final Set<String> TABLE_KEYS = Set.of("address", "dev", "label");
    private static final String SYNTAX = "ADDR[/LEN] [dev IF] [label LABEL]";
    private static final Pattern ADDRESS_AND_PREFIX = Pattern.compile("([^/]+)(?:/(\\d{1,3}))?");
    // IFNAMSIZ - 1, the kernel's limit for IFA_LABEL as for interface names.
    private static final int MAX_LABEL_BYTES = 15;
    // keepalived's other words after a virtual address: refused by name rather than as unknown,
    // so an operator moving a keepalived.conf knows they were understood and left out.
    private static final List<String> KEEPALIVED_WORDS = List.of("brd", "broadcast", "scope", "no_track",
            "preferred_lft", "track_group", "home", "nodad", "-nodad", "noprefixroute", "autojoin", "mngtmpaddr",
            "dadfailed", "deprecated", "tentative", "to", "peer", "use_vmac");

    private record AddressAndPrefix(InetAddress address, int prefixLength) {
    }

    private VirtualAddressParser() {
    }

    /**
     * One element of a virtual_ipaddress array.
     *
     * @param instanceInterface the dev when none is written; empty when it was itself invalid
     */
    static Optional<VirtualAddressConfig> element(Value value, Optional<String> instanceInterface) {
        if (value.raw() instanceof TomlTableNode) {
            return value.table().flatMap(table -> table(table, instanceInterface, false));
        }
        if (value.raw() instanceof String text) {
            return text(value, text, instanceInterface);
        }
        value.error("expected an address (\"" + SYNTAX + "\") or a table, got " + Value.typeName(value.raw()));
        return Optional.empty();
    }

    /** A [[static_ipaddress]]; it has no instance, so dev is required. */
    static Optional<VirtualAddressConfig> staticAddress(TableReader table) {
        return table(table, Optional.empty(), true);
    }

    private static Optional<VirtualAddressConfig> table(TableReader table, Optional<String> instanceInterface,
                                                        boolean devRequired) {
        table.allowOnly(TABLE_KEYS);
        Optional<Value> addressValue = table.required("address");
        Optional<AddressAndPrefix> address = addressValue.flatMap(v -> v.string().flatMap(t -> addressAndPrefix(v, t)));
        Optional<String> dev = table.has("dev") || devRequired
                ? table.required("dev").flatMap(Value::interfaceName) : instanceInterface;
        Optional<String> label = table.string("label");
        if (address.isEmpty() || dev.isEmpty()) {
            return Optional.empty();
        }
        if (label.isPresent() && !labelFits(table.value("label").orElseThrow(), label.get(), address.get(),
                dev.get())) {
            return Optional.empty();
        }
        return Optional.of(new VirtualAddressConfig(address.get().address(), address.get().prefixLength(), dev.get(),
                label.orElse(null), addressValue.orElseThrow().pos()));
    }

    private static Optional<VirtualAddressConfig> text(Value value, String text, Optional<String> instanceInterface) {
        if (text.isBlank()) {
            value.error("must not be empty (expected \"" + SYNTAX + "\")");
            return Optional.empty();
        }
        List<String> words = Arrays.asList(text.trim().split("\\s+"));
        Optional<AddressAndPrefix> address = addressAndPrefix(value, words.get(0));
        Optional<String> dev = Optional.empty();
        Optional<String> label = Optional.empty();
        boolean wordsValid = true;
        for (int i = 1; i < words.size() && wordsValid; i += 2) {
            String word = words.get(i);
            Optional<String> argument = i + 1 < words.size() ? Optional.of(words.get(i + 1)) : Optional.empty();
            if (word.equals("dev") || word.equals("label")) {
                Optional<String> previous = word.equals("dev") ? dev : label;
                if (argument.isEmpty()) {
                    value.error("\"" + word + "\" needs a value in \"" + text + "\"");
                    wordsValid = false;
                } else if (previous.isPresent()) {
                    value.error("\"" + word + "\" is given twice in \"" + text + "\"");
                    wordsValid = false;
                } else if (word.equals("dev")) {
                    dev = value.part(argument.get()).interfaceName();
                    wordsValid = dev.isPresent();
                } else {
                    label = argument;
                }
            } else if (KEEPALIVED_WORDS.contains(word)) {
                value.error("\"" + word + "\" is not supported (ipvsd takes \"" + SYNTAX + "\")");
                wordsValid = false;
            } else {
                value.error("unknown word \"" + word + "\" in \"" + text + "\" (expected \"" + SYNTAX + "\")");
                wordsValid = false;
            }
        }
        Optional<String> effectiveDev = dev.or(() -> instanceInterface);
        if (!wordsValid || address.isEmpty() || effectiveDev.isEmpty()) {
            return Optional.empty();
        }
        if (label.isPresent() && !labelFits(value, label.get(), address.get(), effectiveDev.get())) {
            return Optional.empty();
        }
        return Optional.of(new VirtualAddressConfig(address.get().address(), address.get().prefixLength(),
                effectiveDev.get(), label.orElse(null), value.pos()));
    }

    /** "192.0.2.98/24" or "192.0.2.98" (/32; /128 for IPv6); an address a host can hold. */
    private static Optional<AddressAndPrefix> addressAndPrefix(Value value, String text) {
        Matcher matcher = ADDRESS_AND_PREFIX.matcher(text);
        String otherwise = "not an IP address with an optional prefix length: \"" + text
                + "\" (expected e.g. \"192.0.2.98/24\")";
        if (!matcher.matches()) {
            value.error(otherwise);
            return Optional.empty();
        }
        Optional<InetAddress> address = Addresses.parse(value, matcher.group(1), otherwise);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        InetAddress host = address.get();
        if (host.isAnyLocalAddress() || host.isMulticastAddress()) {
            value.error(Endpoints.address(host) + " cannot be used here (unspecified or multicast)");
            return Optional.empty();
        }
        int bits = host.getAddress().length * 8;
        int prefix = matcher.group(2) == null ? bits : Integer.parseInt(matcher.group(2));
        if (prefix < 1 || prefix > bits) {
            value.error("prefix length must be 1.." + bits + ", got " + prefix);
            return Optional.empty();
        }
        return Optional.of(new AddressAndPrefix(host, prefix));
    }

    /** The kernel keeps labels for IPv4 only, and `ip` only accepts ones that start with the device. */
    private static boolean labelFits(Value value, String label, AddressAndPrefix address, String dev) {
        if (Addresses.familyOf(address.address()) == Family.IPV6) {
            value.error("label \"" + label + "\": an IPv6 address takes no label (the kernel keeps labels for IPv4 "
                    + "only)");
            return false;
        }
        String prefix = dev + ":";
        if (!label.startsWith(prefix) || label.length() == prefix.length() || label.contains("/")
                || label.chars().anyMatch(Character::isWhitespace)) {
            value.error("label \"" + label + "\" must be the device name, ':' and a suffix, like \"" + prefix
                    + "1\"");
            return false;
        }
        int bytes = label.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_LABEL_BYTES) {
            value.error("label \"" + label + "\" is " + bytes + " bytes; the kernel takes at most "
                    + MAX_LABEL_BYTES);
            return false;
        }
        return true;
    }
}
