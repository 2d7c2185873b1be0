package io.ipvsd.nft;

import io.ipvsd.nft.expr.Bytes;
import io.ipvsd.nft.expr.Expr;
import java.util.List;

/**
 * One kernel rule made from a ruleset rule.
 *
 * @param exprs         lookups into {@code anonymousSets} name {@link NftSet#ANONYMOUS_NAME} with
 *                      set id i+1 for set i
 * @param anonymousSets sets made in the same batch as the rule and bound to it
 */
record CompiledRule(String chain, RuleTag tag, List<Expr> exprs, List<DesiredSet> anonymousSets) {
    CompiledRule {
        exprs = List.copyOf(exprs);
        anonymousSets = List.copyOf(anonymousSets);
    }

    Bytes userdata() {
        return UserData.comment(tag.comment());
    }
}
