package io.ipvsd.nft.testkit;

import io.ipvsd.nft.Chain;
import io.ipvsd.nft.NftSet;
import io.ipvsd.nft.Rule;
import io.ipvsd.nft.SetElement;
import io.ipvsd.nft.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fake kernel's ruleset: tables of family inet with their chains, rules and sets. A batch
 * works on a {@link #copy()} that replaces the committed ruleset only if every message succeeded,
 * as the kernel's transactions do.
 */
public final class FakeRuleset {

    /** A table and what it holds, in creation order (which is the kernel's dump order). */
    public static final class FakeTable {
        public Table table;
        public final Map<String, FakeChain> chains = new LinkedHashMap<>();
        public final Map<String, FakeSet> sets = new LinkedHashMap<>();

        FakeTable(Table table) {
            this.table = table;
        }

        FakeTable copy() {
            FakeTable t = new FakeTable(table);
            chains.forEach((name, c) -> t.chains.put(name, c.copy()));
            sets.forEach((name, s) -> t.sets.put(name, s.copy()));
            return t;
        }
    }

    public static final class FakeChain {
        public Chain chain;
        public final List<Rule> rules = new ArrayList<>();

        FakeChain(Chain chain) {
            this.chain = chain;
        }

        FakeChain copy() {
            FakeChain c = new FakeChain(chain);
            c.rules.addAll(rules);
            return c;
        }
    }

    public static final class FakeSet {
        public final NftSet set;
        public final TreeSet<SetElement> elements = new TreeSet<>();
        /** Handles of the rules whose lookups use the set. */
        public final TreeSet<Long> boundBy = new TreeSet<>();

        FakeSet(NftSet set) {
            this.set = set;
        }

        FakeSet copy() {
            FakeSet s = new FakeSet(set);
            s.elements.addAll(elements);
            s.boundBy.addAll(boundBy);
            return s;
        }
    }

    final Map<String, FakeTable> tables = new LinkedHashMap<>();
    long nextHandle = 1;

    FakeRuleset copy() {
        FakeRuleset r = new FakeRuleset();
        tables.forEach((name, t) -> r.tables.put(name, t.copy()));
        r.nextHandle = nextHandle;
        return r;
    }

    long handle() {
        return nextHandle++;
    }
}
