package io.ipvsd.daemon.health;

import static io.ipvsd.daemon.health.Policies.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolDecisionTest {
    private static final String VS = "TCP 127.0.0.1:80";
    private static final PoolMember RS1 = new PoolMember(loopback("127.0.0.11"), 80, 2);
    private static final PoolMember RS2 = new PoolMember(loopback("127.0.0.12"), 80, 2);
    private static final PoolMember RS3 = new PoolMember(loopback("127.0.0.13"), 80, 2);
    private static final PoolMember SORRY = new PoolMember(loopback("127.0.0.99"), 80, 1);

    private final Map<TargetKey, TargetStatus> health = new HashMap<>();

    @Test
    void upServersAreInWithTheirCurrentWeight() {
        up(RS1, 2);
        up(RS2, 7);
        PoolOutcome outcome = PoolDecision.decide(pool(false, null, 0, 0), health, true);
        assertEquals(List.of(RS1, RS2.withWeight(7), RS3), outcome.members(), "RS3 is not monitored: up");
        assertEquals(QuorumChange.NONE, outcome.quorumChange());
        assertFalse(outcome.sorryServerActive());
        assertEquals(11, outcome.upWeight());
    }

    @Test
    void downServerIsRemovedOrInhibited() {
        up(RS1, 2);
        down(RS2);
        up(RS3, 2);
        assertEquals(List.of(RS1, RS3), PoolDecision.decide(pool(false, null, 0, 0), health, true).members());
        assertEquals(List.of(RS1, RS2.withWeight(0), RS3),
                PoolDecision.decide(pool(true, null, 0, 0), health, true).members());
    }

    @Test
    void sorryServerServesWhileEveryRealServerIsDown() {
        down(RS1);
        down(RS2);
        down(RS3);
        PoolOutcome allDown = PoolDecision.decide(pool(false, SORRY, 0, 0), health, true);
        assertEquals(List.of(SORRY), allDown.members());
        assertTrue(allDown.sorryServerActive());
        assertEquals(QuorumChange.NONE, allDown.quorumChange(), "no quorum configured: no quorum events");
        assertEquals(List.of(RS1.withWeight(0), RS2.withWeight(0), RS3.withWeight(0), SORRY),
                PoolDecision.decide(pool(true, SORRY, 0, 0), health, true).members());

        up(RS2, 2);
        PoolOutcome oneBack = PoolDecision.decide(pool(false, SORRY, 0, 0), health, true);
        assertEquals(List.of(RS2), oneBack.members());
        assertFalse(oneBack.sorryServerActive());
    }

    @Test
    void withoutSorryServerAllDownLeavesAnEmptyPool() {
        down(RS1);
        down(RS2);
        down(RS3);
        assertEquals(List.of(), PoolDecision.decide(pool(false, null, 0, 0), health, true).members());
    }

    @Test
    void quorumIsLostBelowQuorumMinusHysteresisAndRegainedAtQuorumPlusHysteresis() {
        ServicePool pool = pool(false, SORRY, 5, 1);
        up(RS1, 2);
        up(RS2, 2);
        up(RS3, 2);
        PoolOutcome outcome = PoolDecision.decide(pool, health, true);
        assertTrue(outcome.quorumUp());

        down(RS3);
        outcome = PoolDecision.decide(pool, health, outcome.quorumUp());
        assertTrue(outcome.quorumUp(), "4 is not below 5 - 1");
        assertEquals(List.of(RS1, RS2), outcome.members());

        down(RS2);
        outcome = PoolDecision.decide(pool, health, outcome.quorumUp());
        assertFalse(outcome.quorumUp());
        assertEquals(QuorumChange.LOST, outcome.quorumChange());
        assertEquals(List.of(SORRY), outcome.members(), "the sorry server replaces the real servers still up");

        up(RS2, 2);
        outcome = PoolDecision.decide(pool, health, outcome.quorumUp());
        assertFalse(outcome.quorumUp(), "4 is below 5 + 1");
        assertEquals(QuorumChange.NONE, outcome.quorumChange());
        assertEquals(List.of(SORRY), outcome.members());

        up(RS3, 2);
        outcome = PoolDecision.decide(pool, health, outcome.quorumUp());
        assertTrue(outcome.quorumUp());
        assertEquals(QuorumChange.REGAINED, outcome.quorumChange());
        assertEquals(List.of(RS1, RS2, RS3), outcome.members());
    }

    @Test
    void inhibitedServersStayAtWeightZeroWhileTheSorryServerServes() {
        up(RS1, 2);
        down(RS2);
        down(RS3);
        PoolOutcome outcome = PoolDecision.decide(pool(true, SORRY, 5, 0), health, true);
        assertEquals(QuorumChange.LOST, outcome.quorumChange());
        assertEquals(List.of(RS1.withWeight(0), RS2.withWeight(0), RS3.withWeight(0), SORRY), outcome.members());
    }

    @Test
    void quorumLostWithoutSorryServerKeepsTheUpServers() {
        up(RS1, 2);
        down(RS2);
        down(RS3);
        PoolOutcome outcome = PoolDecision.decide(pool(false, null, 5, 0), health, true);
        assertEquals(QuorumChange.LOST, outcome.quorumChange());
        assertEquals(List.of(RS1), outcome.members());
    }

    @Test
    void noUpWeightLosesQuorumEvenWhenHysteresisCoversIt() {
        up(RS1, 0);
        down(RS2);
        down(RS3);
        PoolOutcome outcome = PoolDecision.decide(pool(false, SORRY, 1, 1), health, true);
        assertEquals(QuorumChange.LOST, outcome.quorumChange());
        assertEquals(List.of(SORRY), outcome.members());
    }

    @Test
    void sorryServerThatIsAlsoARealServerIsListedOnce() {
        down(RS1);
        down(RS2);
        down(RS3);
        PoolMember sorryRs3 = RS3.withWeight(1);
        assertEquals(List.of(RS1.withWeight(0), RS2.withWeight(0), sorryRs3),
                PoolDecision.decide(pool(true, sorryRs3, 0, 0), health, true).members());
    }

    private static ServicePool pool(boolean inhibit, PoolMember sorry, int quorum, int hysteresis) {
        return new ServicePool(VS, List.of(RS1, RS2, RS3), inhibit, sorry, quorum, hysteresis);
    }

    private void up(PoolMember server, int weight) {
        health.put(key(server), new TargetStatus(HealthState.UP, CheckResult.success("connected"), 1, Instant.EPOCH, weight));
    }

    private void down(PoolMember server) {
        health.put(key(server), new TargetStatus(HealthState.DOWN, CheckResult.failure("connect refused"), 3,
                Instant.EPOCH, server.weight()));
    }

    private static TargetKey key(PoolMember server) {
        return new TargetKey(VS, server.address(), server.port());
    }
}
