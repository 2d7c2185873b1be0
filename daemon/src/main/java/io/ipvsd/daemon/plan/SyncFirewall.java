package io.ipvsd.daemon.plan;

import java.util.List;

/**
 * Brings ipvsd's nf_tables table to the desired rules in one atomic batch.
 *
 * @param changes one line per rule, chain or set added ("+") or removed ("-")
 * @param batch   the prepared change, applied as a whole; opaque to the planner
 */
public record SyncFirewall(List<String> changes, Object batch) implements Operation {
    public SyncFirewall {
        changes = List.copyOf(changes);
    }

    @Override
    public String render() {
        return String.join("\n", changes);
    }
}
