package io.ipvsd.nft;

import java.util.List;
import java.util.Objects;

/**
 * The changes that bring a table to a ruleset, as one nf_tables batch: applied whole or not at
 * all, so packets never meet a half-changed table. Made by {@link NftPlanner#plan}, applied by
 * {@link NftClient#apply}.
 */
public final class NftPlan {
    private final String table;
    private final long generation;
    private final List<Operation> operations;

    NftPlan(String table, long generation, List<Operation> operations) {
        this.table = table;
        this.generation = generation;
        this.operations = List.copyOf(operations);
    }

    public String table() {
        return table;
    }

    /** The generation of the reading the plan was made from. */
    public long generation() {
        return generation;
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /** Messages in the batch, besides its begin and end. */
    public int size() {
        return operations.size();
    }

    /** One line per table, chain, set, element list or rule added ("+"), changed ("~") or removed ("-"). */
    public List<String> changes() {
        return operations.stream().map(Operation::change).filter(Objects::nonNull).toList();
    }

    List<Operation> operations() {
        return operations;
    }

    @Override
    public String toString() {
        return isEmpty() ? "no changes to table inet " + table : String.join("\n", changes());
    }
}
