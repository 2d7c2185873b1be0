package io.ipvsd.daemon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthzTest {
    private final ManualClock clock = new ManualClock();
    private Duration interval = Duration.ofSeconds(5);
    private final Healthz healthz = new Healthz(clock, () -> interval);

    @Test
    void healthyWhileTheFirstPassIsDueThenUnhealthyWithoutOne() {
        clock.advance(Duration.ofSeconds(15));
        assertEquals(200, healthz.verdict().httpStatus());
        assertEquals("ok: started 15.0s ago, first pass due", healthz.verdict().reason());

        clock.advance(Duration.ofMillis(1));
        Healthz.Verdict v = healthz.verdict();
        assertEquals(503, v.httpStatus());
        assertEquals("no pass has completed since the start 15.0s ago (allowed: 15.0s)", v.reason());
    }

    @Test
    void unhealthyOnceNoPassCompletedForThreeIntervalsWithTheLastError() {
        healthz.passCompleted(clock.instant());
        clock.advance(Duration.ofSeconds(14));
        assertTrue(healthz.verdict().healthy());
        assertEquals("ok: last pass completed 14.0s ago", healthz.verdict().reason());

        healthz.passFailed("cannot read state.json: corrupt");
        clock.advance(Duration.ofSeconds(2));
        Healthz.Verdict v = healthz.verdict();
        assertFalse(v.healthy());
        assertEquals("no pass has completed for 16.0s (allowed: 15.0s); last pass failed: cannot read state.json: corrupt",
                v.reason());

        healthz.passCompleted(clock.instant());
        assertEquals(200, healthz.verdict().httpStatus(), "a completed pass makes it healthy again");
    }

    @Test
    void theGraceFollowsTheIntervalWithATenSecondFloor() {
        interval = Duration.ofSeconds(1);
        healthz.passCompleted(clock.instant());
        clock.advance(Duration.ofSeconds(10));
        assertTrue(healthz.verdict().healthy());
        clock.advance(Duration.ofSeconds(1));
        assertFalse(healthz.verdict().healthy());

        interval = Duration.ofSeconds(30); // a reload changed it
        assertTrue(healthz.verdict().healthy());
        clock.advance(Duration.ofSeconds(80));
        assertFalse(healthz.verdict().healthy());
    }
}
