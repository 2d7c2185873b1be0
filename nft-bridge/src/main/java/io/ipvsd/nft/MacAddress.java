package io.ipvsd.nft;

import io.ipvsd.nft.expr.Bytes;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** An Ethernet address. */
public record MacAddress(Bytes bytes) {
    private static final Pattern TEXT = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

    public MacAddress {
        if (bytes.length() != 6) {
            throw new IllegalArgumentException("an Ethernet address has 6 bytes, not " + bytes.length());
        }
    }

    /** Parses "aa:bb:cc:dd:ee:ff" (either case). */
    public static MacAddress parse(String text) {
        if (!TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("not an Ethernet address: " + text);
        }
        return new MacAddress(Bytes.fromHex(text.replace(":", "")));
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes.toArray());
    }
}
