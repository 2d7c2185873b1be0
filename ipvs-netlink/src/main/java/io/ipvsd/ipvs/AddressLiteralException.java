package io.ipvsd.ipvs;

/**
 * Text that is not an address literal ipvsd takes. {@link #rule()} says which rule it breaks when
 * it has the shape of an address ("leading zeros are not allowed", "zones are not allowed",
 * "IPv4-mapped IPv6: write the IPv4 address ..."), so the operator is not told that an IPv6
 * address is "not an IP address".
 */
public final class AddressLiteralException extends IllegalArgumentException {
    private final String text;
    private final String rule;

    AddressLiteralException(String text, String rule) {
        super(describe(text, rule, false));
        this.text = text;
        this.rule = rule;
    }

    public String text() {
        return text;
    }

    /** The rule the text breaks, or null when it is simply not an address. */
    public String rule() {
        return rule;
    }

    /** The message with the text in double quotes, as the config's errors show values. */
    public String quoted() {
        return describe(text, rule, true);
    }

    private static String describe(String text, String rule, boolean quote) {
        String shown = quote ? "\"" + text + "\"" : text;
        return rule == null ? "not an IP address: " + shown : shown + ": " + rule;
    }
}
