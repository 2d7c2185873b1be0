package io.ipvsd.nft;

import java.util.List;
import java.util.Map;

/**
 * One consistent reading of ipvsd's table: every chain, rule (with counters) and set in it, and
 * the elements of its named sets. Anonymous sets are listed without elements: they are constant
 * and bound to one rule, whose tag's hash covers their contents.
 *
 * @param generation the ruleset generation the reading belongs to; a batch carrying it is refused
 *                   (ERESTART) if anything changed since
 * @param table      null when the table does not exist
 * @param rules      in kernel order within each chain
 * @param elements   named set name to its elements
 */
public record NftTableState(long generation, Table table, List<Chain> chains, List<Rule> rules, List<NftSet> sets,
                            Map<String, List<SetElement>> elements) {
    public NftTableState {
        chains = List.copyOf(chains);
        rules = List.copyOf(rules);
        sets = List.copyOf(sets);
        elements = Map.copyOf(elements);
    }

    public static NftTableState absent(long generation) {
        return new NftTableState(generation, null, List.of(), List.of(), List.of(), Map.of());
    }

    public List<Rule> rulesOf(String chain) {
        return rules.stream().filter(r -> r.chain().equals(chain)).toList();
    }
}
