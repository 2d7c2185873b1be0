package io.ipvsd.daemon;

import io.ipvsd.daemon.desired.DesiredStateBuilder;
import io.ipvsd.ipvs.ServiceKey;
import java.util.HashMap;
import java.util.Map;

/**
 * Each service's quorum state from one pass to the next (quorum hysteresis needs the previous
 * one), and its changes told to the notify hooks. Used by the loop thread only.
 */
final class QuorumTracker {
    private final Map<ServiceKey, Boolean> quorumUp = new HashMap<>();
    private final NotifyHooks notify;

    QuorumTracker(NotifyHooks notify) {
        this.notify = notify;
    }

    Map<ServiceKey, Boolean> previous() {
        return Map.copyOf(quorumUp);
    }

    /** Records the pass's outcomes; services gone from the file are forgotten. */
    void track(DesiredStateBuilder.Result desired) {
        quorumUp.keySet().retainAll(desired.outcomes().keySet());
        desired.outcomes().forEach((key, outcome) -> {
            quorumUp.put(key, outcome.quorumUp());
            notify.quorumChanged(desired.pools().get(key), outcome);
        });
    }
}
