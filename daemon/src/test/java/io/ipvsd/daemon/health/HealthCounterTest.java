package io.ipvsd.daemon.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HealthCounterTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final CheckResult OK = CheckResult.success("connected");
    private static final CheckResult REFUSED = CheckResult.failure("connect refused");

    private final CheckPolicy policy = Policies.tcp(1000, 500, 3, 2);

    @Test
    void upServerGoesDownOnlyAfterFallFailuresInARow() {
        HealthCounter counter = new HealthCounter(policy, 10, T0);
        assertEquals(HealthState.UP, counter.record(REFUSED, T0.plusSeconds(1)).state());
        assertEquals(HealthState.UP, counter.record(REFUSED, T0.plusSeconds(2)).state());
        assertEquals(HealthState.UP, counter.record(OK, T0.plusSeconds(3)).state());
        assertEquals(HealthState.UP, counter.record(REFUSED, T0.plusSeconds(4)).state());
        assertEquals(HealthState.UP, counter.record(REFUSED, T0.plusSeconds(5)).state());
        TargetStatus down = counter.record(REFUSED, T0.plusSeconds(6));
        assertEquals(HealthState.DOWN, down.state());
        assertEquals(3, down.consecutive());
        assertEquals(T0.plusSeconds(6), down.lastChange());
        assertEquals(REFUSED, down.lastResult());
    }

    @Test
    void downServerComesUpAfterRiseSuccessesInARow() {
        HealthCounter counter = new HealthCounter(Policies.policy(new TcpCheck(0), 1000, 500, 3, 2, 1000, false), 10, T0);
        assertEquals(HealthState.DOWN, counter.status().state());
        assertNull(counter.status().lastResult());
        assertEquals(HealthState.DOWN, counter.record(OK, T0.plusSeconds(1)).state());
        assertEquals(HealthState.DOWN, counter.record(REFUSED, T0.plusSeconds(2)).state());
        assertEquals(HealthState.DOWN, counter.record(OK, T0.plusSeconds(3)).state());
        TargetStatus up = counter.record(OK, T0.plusSeconds(4));
        assertEquals(HealthState.UP, up.state());
        assertEquals(2, up.consecutive());
        assertEquals(T0.plusSeconds(4), up.lastChange());
    }

    @Test
    void reportedWeightReplacesConfiguredUntilASuccessWithoutOne() {
        HealthCounter counter = new HealthCounter(policy, 10, T0);
        assertEquals(10, counter.status().weight());
        assertEquals(5, counter.record(CheckResult.success("exit 7", 5), T0).weight());
        assertEquals(5, counter.record(REFUSED, T0).weight(), "a failure keeps the last reported weight");
        assertEquals(10, counter.record(CheckResult.success("exit 0"), T0).weight());
        counter.configuredWeight(20);
        assertEquals(20, counter.status().weight());
    }
}
