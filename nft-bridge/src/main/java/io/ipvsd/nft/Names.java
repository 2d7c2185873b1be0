package io.ipvsd.nft;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Checks on the names ipvsd puts into the kernel and into rule comments. */
final class Names {
    /**
     * Names become nft identifiers (table, set names) and part of rule comments, so they keep to
     * characters nft's parser accepts unquoted and that cannot split a comment's fields.
     */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");
    /** IFNAMSIZ - 1. */
    private static final int MAX_INTERFACE = 15;

    private Names() {
    }

    static String identifier(String what, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " \"" + name + "\" must match " + IDENTIFIER.pattern());
        }
        return name;
    }

    /** A whole interface name: nft would read a trailing '*' as a wildcard, which ipvsd does not offer. */
    static String interfaceOrNull(String name) {
        if (name == null) {
            return null;
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_INTERFACE || name.contains("*") || name.contains("/") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("bad interface name \"" + name + "\": 1-" + MAX_INTERFACE + " bytes, no '*', '/' or spaces");
        }
        return name;
    }
}
