package io.ipvsd.nft;

import java.util.Optional;

/**
 * The identity ipvsd writes into each of its rules' comment: {@code ipvsd <id> <hash>}. The id
 * names the rule ({@code <rule name>/<ip|ip6|inet>}); the hash covers everything the rule does, so
 * reading the table back tells apart ipvsd's rules that are wanted as they are, ipvsd's rules
 * that are stale, and rules someone else added.
 */
record RuleTag(String id, String hash) {
    private static final String PREFIX = "ipvsd";

    String comment() {
        return PREFIX + " " + id + " " + hash;
    }

    /** The name of the ruleset rule this kernel rule was made from. */
    String ruleName() {
        int slash = id.lastIndexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }

    static Optional<RuleTag> parse(String comment) {
        String[] f = comment.split(" ");
        if (f.length != 3 || !f[0].equals(PREFIX) || f[1].isEmpty() || f[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RuleTag(f[1], f[2]));
    }

    static Optional<RuleTag> of(Rule rule) {
        return rule.comment().flatMap(RuleTag::parse);
    }
}
