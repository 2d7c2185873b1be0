package io.ipvsd.nft;

import io.ipvsd.nft.expr.Counter;
import io.ipvsd.nft.expr.Expr;
import io.ipvsd.nft.expr.Lookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Computes the one batch that turns a reading of ipvsd's table into the desired ruleset. Pure.
 *
 * <p>Rules that are ipvsd's, wanted, unchanged and in order are kept, so their counters go on
 * counting; everything else in the table (stale rules, rules and chains someone else added) is
 * deleted, and missing rules are inserted at their place. Deletes come before adds in the batch,
 * and the kernel applies the batch atomically, so traffic never sees a table without its rules.
 */
public final class NftPlanner {
    private NftPlanner() {
    }

    public static NftPlan plan(NftRuleset desired, NftTableState state) {
        return new Builder(RuleCompiler.compile(desired), state).build();
    }

    private static final class Builder {
        private final CompiledRuleset want;
        private final NftTableState state;
        private final String table;
        private final List<Operation> tableOps = new ArrayList<>();
        private final List<Operation> ruleDeletes = new ArrayList<>();
        private final List<Operation> chainDeletes = new ArrayList<>();
        private final List<Operation> setDeletes = new ArrayList<>();
        private final List<Operation> elementDeletes = new ArrayList<>();
        private final List<Operation> setAdds = new ArrayList<>();
        private final List<Operation> elementAdds = new ArrayList<>();
        private final List<Operation> chainAdds = new ArrayList<>();
        private final List<Operation> ruleAdds = new ArrayList<>();
        private final Set<String> keptChains = new HashSet<>();
        private final Set<String> recreatedSets = new HashSet<>();
        private final Map<String, Integer> newSetIds = new HashMap<>();
        private final Map<String, NftSet> setsByName = new HashMap<>();
        private int nextSetId = 1;

        Builder(CompiledRuleset want, NftTableState state) {
            this.want = want;
            this.state = state;
            this.table = want.table();
            state.sets().forEach(s -> setsByName.put(s.name(), s));
        }

        NftPlan build() {
            if (state.table() == null) {
                tableOps.add(new Operation.AddTable(table, false));
            } else if ((state.table().flags() & Table.F_DORMANT) != 0) {
                tableOps.add(new Operation.AddTable(table, true));
            }
            planSets();
            planChains();
            for (Chain c : want.chains()) {
                planRules(c.name());
            }
            List<Operation> all = Stream.of(tableOps, ruleDeletes, chainDeletes, setDeletes, elementDeletes, setAdds,
                    elementAdds, chainAdds, ruleAdds).flatMap(List::stream).toList();
            return new NftPlan(table, state.generation(), all);
        }

        private void planSets() {
            Map<String, DesiredSet> wanted = new LinkedHashMap<>();
            want.namedSets().forEach(d -> wanted.put(d.set().name(), d));
            Set<String> kept = new HashSet<>();
            for (NftSet s : state.sets()) {
                if (s.anonymous()) {
                    continue; // goes with the rule it is bound to
                }
                DesiredSet d = wanted.get(s.name());
                if (d == null) {
                    setDeletes.add(new Operation.DeleteSet(s, "not wanted"));
                } else if (!sameDefinition(s, d.set())) {
                    setDeletes.add(new Operation.DeleteSet(s, "type or flags changed"));
                    recreatedSets.add(s.name());
                } else {
                    kept.add(s.name());
                    diffElements(s.name(), state.elements().getOrDefault(s.name(), List.of()), d.elements());
                }
            }
            for (DesiredSet d : wanted.values()) {
                if (kept.contains(d.set().name())) {
                    continue;
                }
                int id = nextSetId++;
                newSetIds.put(d.set().name(), id);
                setAdds.add(new Operation.AddSet(d.set().withNameAndId(d.set().name(), id), null));
                if (!d.elements().isEmpty()) {
                    setAdds.add(new Operation.AddElements(new SetElements(table, d.set().name(), id, d.elements()), null));
                }
            }
        }

        private void diffElements(String set, List<SetElement> have, List<SetElement> wanted) {
            List<SetElement> extra = have.stream().filter(e -> !wanted.contains(e)).sorted().toList();
            List<SetElement> missing = wanted.stream().filter(e -> !have.contains(e)).toList();
            if (!extra.isEmpty()) {
                elementDeletes.add(new Operation.DeleteElements(new SetElements(table, set, 0, extra)));
            }
            if (!missing.isEmpty()) {
                elementAdds.add(new Operation.AddElements(new SetElements(table, set, 0, missing), null));
            }
        }

        private void planChains() {
            Map<String, Chain> wanted = new HashMap<>();
            want.chains().forEach(c -> wanted.put(c.name(), c));
            for (Chain c : state.chains()) {
                Chain w = wanted.get(c.name());
                if (w != null && w.hook().equals(c.hook())) {
                    keptChains.add(c.name());
                    continue;
                }
                // Rules first: a rule jumping to another doomed chain would make its deletion fail.
                for (Rule r : state.rulesOf(c.name())) {
                    ruleDeletes.add(new Operation.DeleteRule(r, "its chain goes"));
                }
                chainDeletes.add(new Operation.DeleteChain(c, w == null ? "not ipvsd's" : "type, hook, priority or policy changed"));
            }
            for (Chain w : want.chains()) {
                if (!keptChains.contains(w.name())) {
                    chainAdds.add(new Operation.AddChain(w));
                }
            }
        }

        private void planRules(String chain) {
            List<CompiledRule> wanted = want.rulesOf(chain);
            if (!keptChains.contains(chain)) {
                wanted.forEach(r -> add(r, 0));
                return;
            }
            Map<String, Integer> indexOf = new HashMap<>();
            for (int i = 0; i < wanted.size(); i++) {
                indexOf.put(wanted.get(i).tag().id(), i);
            }
            List<Rule> candidates = new ArrayList<>();
            List<Integer> candidateIndexes = new ArrayList<>();
            Set<String> matched = new HashSet<>();
            for (Rule r : state.rulesOf(chain)) {
                Optional<RuleTag> tag = RuleTag.of(r);
                Integer i = tag.map(t -> indexOf.get(t.id())).orElse(null);
                String reason;
                if (tag.isEmpty()) {
                    reason = "not ipvsd's";
                } else if (i == null || !wanted.get(i).tag().hash().equals(tag.get().hash())) {
                    reason = "stale";
                } else if (!sameContent(r, wanted.get(i))) {
                    reason = "changed outside ipvsd";
                } else if (!matched.add(tag.get().id())) {
                    reason = "duplicate";
                } else {
                    candidates.add(r);
                    candidateIndexes.add(i);
                    continue;
                }
                ruleDeletes.add(new Operation.DeleteRule(r, reason));
            }
            boolean[] inOrder = longestIncreasing(candidateIndexes);
            long[] keptHandle = new long[wanted.size()];
            for (int k = 0; k < candidates.size(); k++) {
                if (inOrder[k]) {
                    keptHandle[candidateIndexes.get(k)] = candidates.get(k).handle();
                } else {
                    ruleDeletes.add(new Operation.DeleteRule(candidates.get(k), "out of order"));
                }
            }
            for (int i = 0; i < wanted.size(); i++) {
                if (keptHandle[i] == 0) {
                    add(wanted.get(i), nextKept(keptHandle, i));
                }
            }
        }

        /** The handle of the first kept rule after position i, which a missing rule goes before. */
        private static long nextKept(long[] keptHandle, int i) {
            for (int j = i + 1; j < keptHandle.length; j++) {
                if (keptHandle[j] != 0) {
                    return keptHandle[j];
                }
            }
            return 0;
        }

        /** Adds a rule after its anonymous sets, pointing its lookups at the sets' batch ids. */
        private void add(CompiledRule rule, long before) {
            int firstId = nextSetId;
            for (DesiredSet s : rule.anonymousSets()) {
                int id = nextSetId++;
                ruleAdds.add(new Operation.AddSet(s.set().withNameAndId(NftSet.ANONYMOUS_NAME, id), rule.tag().id()));
                ruleAdds.add(new Operation.AddElements(new SetElements(table, NftSet.ANONYMOUS_NAME, id, s.elements()), rule.tag().id()));
            }
            List<Expr> exprs = rule.exprs().stream().map(e -> {
                if (e instanceof Lookup l && l.set().equals(NftSet.ANONYMOUS_NAME)) {
                    return l.withSetId(firstId + l.setId() - 1);
                }
                if (e instanceof Lookup l && newSetIds.containsKey(l.set())) {
                    return l.withSetId(newSetIds.get(l.set()));
                }
                return e;
            }).toList();
            ruleAdds.add(new Operation.AddRule(new Rule(table, rule.chain(), 0, exprs, rule.userdata()), before));
        }

        /**
         * Whether a kernel rule does what the compiled rule does: the same expressions (counter
         * values aside), lookups into a set of the same kind. An anonymous set's elements are not
         * read back: it is constant, and the tag's hash covers them.
         */
        private boolean sameContent(Rule have, CompiledRule wanted) {
            if (have.exprs().size() != wanted.exprs().size()) {
                return false;
            }
            for (int k = 0; k < have.exprs().size(); k++) {
                Expr h = have.exprs().get(k);
                Expr w = wanted.exprs().get(k);
                boolean same;
                if (w instanceof Lookup wl) {
                    same = h instanceof Lookup hl && hl.sreg() == wl.sreg() && hl.inverted() == wl.inverted()
                            && sameSet(hl.set(), wl, wanted);
                } else if (w instanceof Counter) {
                    same = h instanceof Counter;
                } else {
                    same = w.equals(h);
                }
                if (!same) {
                    return false;
                }
            }
            return true;
        }

        private boolean sameSet(String haveSet, Lookup wanted, CompiledRule rule) {
            if (!wanted.set().equals(NftSet.ANONYMOUS_NAME)) {
                return haveSet.equals(wanted.set()) && !recreatedSets.contains(haveSet);
            }
            NftSet wantedSet = rule.anonymousSets().get(wanted.setId() - 1).set();
            NftSet have = setsByName.get(haveSet);
            return have != null && have.anonymous() && sameDefinition(have, wantedSet);
        }

        private static boolean sameDefinition(NftSet a, NftSet b) {
            return a.flags() == b.flags() && a.keyType() == b.keyType() && a.keyLength() == b.keyLength();
        }
    }

    /** Marks a longest strictly increasing subsequence: the kept rules that are already in order. */
    static boolean[] longestIncreasing(List<Integer> seq) {
        int n = seq.size();
        int[] tail = new int[n];
        int[] previous = new int[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (seq.get(tail[mid]) < seq.get(i)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            previous[i] = lo > 0 ? tail[lo - 1] : -1;
            tail[lo] = i;
            length = Math.max(length, lo + 1);
        }
        boolean[] keep = new boolean[n];
        for (int k = length > 0 ? tail[length - 1] : -1; k >= 0; k = previous[k]) {
            keep[k] = true;
        }
        return keep;
    }
}
