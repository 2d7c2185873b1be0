package io.ipvsd.daemon.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** [[masquerade]] tables. */
final class MasqueradeRuleParser {
    static final Set<String> KEYS = Set.of("source", "out_interface", "ipvs_only");
    private static final Pattern CIDR = Pattern.compile("([^/]+)/(\\d{1,3})");

    private MasqueradeRuleParser() {
    }

    static MasqueradeRuleConfig parse(TableReader masquerade) {
        masquerade.allowOnly(KEYS);
        Cidr source = masquerade.value("source").flatMap(MasqueradeRuleParser::cidr).orElse(null);
        String outInterface = masquerade.interfaceName("out_interface").orElse(null);
        boolean ipvsOnly = masquerade.bool("ipvs_only").orElse(true);
        return new MasqueradeRuleConfig(source, outInterface, ipvsOnly, masquerade.pos());
    }

    /** "198.51.100.0/24"; host bits must be zero, since a set bit there is usually a typo. */
    private static Optional<Cidr> cidr(Value value) {
        return value.string().flatMap(text -> {
            Matcher matcher = CIDR.matcher(text);
            String otherwise = "not a network in CIDR form: \"" + text + "\" (expected e.g. \"198.51.100.0/24\")";
            if (!matcher.matches()) {
                value.error(otherwise);
                return Optional.empty();
            }
            Optional<InetAddress> address = Addresses.parse(value, matcher.group(1), otherwise);
            if (address.isEmpty()) {
                return Optional.empty();
            }
            int bits = address.get().getAddress().length * 8;
            int prefix = Integer.parseInt(matcher.group(2));
            if (prefix > bits) {
                value.error("prefix length must be 0.." + bits + ", got " + prefix);
                return Optional.empty();
            }
            InetAddress network = network(address.get(), prefix);
            if (!network.equals(address.get())) {
                value.error("host bits are set in \"" + text + "\"; the network is "
                        + new Cidr(network, prefix));
                return Optional.empty();
            }
            return Optional.of(new Cidr(network, prefix));
        });
    }

    private static InetAddress network(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int networkBits = Math.max(0, Math.min(8, prefix - 8 * i));
            bytes[i] &= (byte) (0xff << (8 - networkBits));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("4 or 16 bytes are always an address", impossible);
        }
    }
}
