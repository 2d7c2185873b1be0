package io.ipvsd.nft;

/**
 * What one ruleset rule has counted: the sum over the kernel rules made from it (one per address
 * family).
 *
 * @param rule the {@link MarkRule#name()} or {@link MasqueradeRule#name()}
 */
public record RuleCounters(String rule, long packets, long bytes) {
}
