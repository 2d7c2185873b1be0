package io.ipvsd.nft;

import java.util.List;

/** What the kernel should hold for a ruleset: base chains, named sets and rules in order. */
record CompiledRuleset(String table, List<Chain> chains, List<DesiredSet> namedSets, List<CompiledRule> rules) {
    CompiledRuleset {
        chains = List.copyOf(chains);
        namedSets = List.copyOf(namedSets);
        rules = List.copyOf(rules);
    }

    List<CompiledRule> rulesOf(String chain) {
        return rules.stream().filter(r -> r.chain().equals(chain)).toList();
    }
}
