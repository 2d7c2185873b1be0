package io.ipvsd.cli.importer;

import java.util.ArrayList;
import java.util.List;

/** Address words of keepalived files: family, and virtual_server_group ranges "A.B.C.D-E". */
final class Addresses {
    private Addresses() {
    }

    static String family(String address) {
        return address.contains(":") ? "ipv6" : "ipv4";
    }

    /** "192.0.2.1-10" (last IPv4 octet or last IPv6 group) as every address of the range; one address as itself. */
    static List<String> range(ConfLine l, String word, Diagnostics d) {
        List<String> out = new ArrayList<>();
        int dash = word.lastIndexOf('-');
        if (dash < 0) {
            out.add(word);
            return out;
        }
        String first = word.substring(0, dash);
        boolean v6 = first.contains(":");
        int sep = v6 ? first.lastIndexOf(':') : first.lastIndexOf('.');
        try {
            int radix = v6 ? 16 : 10;
            int from = Integer.parseInt(first.substring(sep + 1), radix);
            int to = Integer.parseInt(word.substring(dash + 1), radix);
            if (to < from || to > (v6 ? 0xffff : 255)) {
                throw new NumberFormatException();
            }
            for (int i = from; i <= to; i++) {
                out.add(first.substring(0, sep + 1) + (v6 ? Integer.toHexString(i) : Integer.toString(i)));
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            d.add(l, "address range '" + word + "' invalid - keepalived ignores it");
        }
        return out;
    }
}
