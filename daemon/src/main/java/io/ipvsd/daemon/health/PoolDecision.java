package io.ipvsd.daemon.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which real servers of one virtual service belong in IPVS, with which weights, following
 * keepalived (check/ipwrapper.c). Pure: no I/O, no state of its own.
 *
 * <ul>
 *   <li>An up real server is in with its current weight (the one its check reports, else configured).
 *   <li>A down one is removed, or kept with weight 0 under {@code inhibitOnFailure}.
 *   <li>Quorum ({@code quorum > 0}): lost when the up weight is 0 or below {@code quorum - hysteresis},
 *       regained when it reaches {@code quorum + hysteresis}; in between the previous state holds.
 *       Without quorum, the service counts as failed exactly when no up weight is left.
 *   <li>While failed, a configured sorry server takes over: it is added and the real servers, up or
 *       not, are removed (weight 0 under inhibit) until the service recovers. Without a sorry server
 *       the up real servers stay: losing quorum then only raises the event.
 * </ul>
 */
public final class PoolDecision {
    private PoolDecision() {
    }

    /**
     * @param health      the monitor's snapshot; a real server missing from it (not monitored) counts as up
     * @param quorumWasUp the {@link PoolOutcome#quorumUp()} of the previous decision; {@code true} at start
     */
    public static PoolOutcome decide(ServicePool pool, Map<TargetKey, TargetStatus> health, boolean quorumWasUp) {
        List<PoolMember> current = new ArrayList<>(pool.realServers().size());
        List<Boolean> up = new ArrayList<>(pool.realServers().size());
        long upWeight = 0;
        for (PoolMember server : pool.realServers()) {
            TargetStatus status = health.get(new TargetKey(pool.service(), server.address(), server.port()));
            boolean isUp = status == null || status.up();
            PoolMember withWeight = status == null ? server : server.withWeight(status.weight());
            current.add(withWeight);
            up.add(isUp);
            if (isUp) {
                upWeight += Math.max(0, withWeight.weight());
            }
        }

        boolean quorumUp = quorumState(pool, upWeight, quorumWasUp);
        QuorumChange change = pool.quorum() <= 0 || quorumUp == quorumWasUp ? QuorumChange.NONE
                : quorumUp ? QuorumChange.REGAINED : QuorumChange.LOST;
        boolean failed = pool.quorum() > 0 ? !quorumUp : upWeight == 0;
        boolean sorryActive = failed && pool.sorryServer() != null;

        List<PoolMember> members = new ArrayList<>(current.size() + 1);
        for (int i = 0; i < current.size(); i++) {
            PoolMember server = current.get(i);
            boolean serving = up.get(i) && !sorryActive;
            if (sorryActive && server.sameServer(pool.sorryServer())) {
                continue;
            }
            if (serving) {
                members.add(server);
            } else if (pool.inhibitOnFailure()) {
                members.add(server.withWeight(0));
            }
        }
        if (sorryActive) {
            members.add(pool.sorryServer());
        }
        return new PoolOutcome(members, quorumUp, change, sorryActive, upWeight);
    }

    private static boolean quorumState(ServicePool pool, long upWeight, boolean wasUp) {
        if (pool.quorum() <= 0) {
            return true;
        }
        if (wasUp) {
            return upWeight > 0 && upWeight >= (long) pool.quorum() - pool.hysteresis();
        }
        return upWeight >= (long) pool.quorum() + pool.hysteresis();
    }
}
