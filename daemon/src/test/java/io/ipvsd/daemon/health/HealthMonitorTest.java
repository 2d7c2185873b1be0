package io.ipvsd.daemon.health;

import static io.ipvsd.daemon.health.Policies.key;
import static io.ipvsd.daemon.health.Policies.policy;
import static io.ipvsd.daemon.health.Policies.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The scheduling and state keeping of the monitor, in virtual time. */
class HealthMonitorTest {
    private static final CheckResult OK = CheckResult.success("connected");
    private static final CheckResult REFUSED = CheckResult.failure("connect refused");

    private final ManualScheduler scheduler = new ManualScheduler();
    private final ScriptedChecker checker = new ScriptedChecker();
    private final List<HealthChange> changes = new ArrayList<>();
    private final HealthMonitor monitor = new HealthMonitor(checker, scheduler, Jitter.none(), changes::add);

    private final TargetKey a = key("127.0.0.1", 8080);
    /** interval 1000 ms, retry 300 ms, fall 2, rise 3. */
    private final CheckPolicy policy = policy(new TcpCheck(0), 1000, 500, 2, 3, 300, true);

    @Test
    void checksEveryIntervalWhileHealthyAndEveryRetryDelayAfterAFailure() {
        monitor.update(Map.of(a, target(a, 10, policy)));
        scheduler.advance(Duration.ZERO);
        assertEquals(1, checker.checksOf(a), "first check at once without warm-up or jitter");
        scheduler.advance(Duration.ofMillis(999));
        assertEquals(1, checker.checksOf(a));
        scheduler.advance(Duration.ofMillis(1));
        assertEquals(2, checker.checksOf(a));

        checker.answer(a, REFUSED);
        scheduler.advance(Duration.ofMillis(1000));
        assertEquals(3, checker.checksOf(a));
        scheduler.advance(Duration.ofMillis(300));
        assertEquals(4, checker.checksOf(a), "retry delay after a failure");
        assertEquals(HealthState.DOWN, monitor.status(a).orElseThrow().state());
    }

    @Test
    void aCheckThatThrowsCountsAsAFailureWithItsReasonAndIsScheduledAgain() {
        monitor.update(Map.of(a, target(a, 10, policy)));
        checker.throwOnNext(new ExceptionInInitializerError("TLS provider failed"));
        scheduler.advance(Duration.ZERO);
        TargetStatus afterThrow = monitor.status(a).orElseThrow();
        assertFalse(afterThrow.lastResult().ok());
        assertTrue(afterThrow.lastResult().reason().contains("TLS provider failed"), afterThrow.lastResult().reason());
        assertEquals(1, afterThrow.consecutive());

        scheduler.advance(Duration.ofMillis(300));
        assertEquals(2, checker.checksOf(a), "checked again after the retry delay");
        assertTrue(monitor.status(a).orElseThrow().lastResult().ok());
    }

    @Test
    void goesDownAfterFallAndUpAfterRiseTellingTheListenerEachTime() {
        monitor.update(Map.of(a, target(a, 10, policy)));
        checker.answer(a, REFUSED);
        scheduler.advance(Duration.ZERO);
        assertTrue(changes.isEmpty());
        scheduler.advance(Duration.ofMillis(300));
        assertEquals(1, changes.size());
        HealthChange down = changes.get(0);
        assertEquals(a, down.key());
        assertEquals(HealthState.UP, down.before().state());
        assertEquals(HealthState.DOWN, down.after().state());
        assertEquals("connect refused", down.after().lastResult().reason());
        assertEquals(2, down.after().consecutive());
        assertEquals(scheduler.now(), down.after().lastChange());

        checker.answer(a, OK);
        scheduler.advance(Duration.ofMillis(300 + 1000));
        assertEquals(1, changes.size(), "two successes are not enough with rise 3");
        scheduler.advance(Duration.ofMillis(1000));
        assertEquals(2, changes.size());
        assertEquals(HealthState.UP, changes.get(1).after().state());
        assertEquals(HealthState.UP, monitor.snapshot().get(a).state());
    }

    @Test
    void warmupHoldsFirstChecksBackOnlyAfterTheMonitorStarts() {
        CheckPolicy warm = new CheckPolicy(new TcpCheck(0), Duration.ofSeconds(1), Duration.ofMillis(500), 2, 3,
                Duration.ofMillis(300), true, Duration.ofSeconds(5));
        monitor.update(Map.of(a, target(a, 10, warm)));
        scheduler.advance(Duration.ofMillis(4999));
        assertEquals(0, checker.checksOf(a));
        scheduler.advance(Duration.ofMillis(1));
        assertEquals(1, checker.checksOf(a));

        TargetKey b = key("127.0.0.2", 8080);
        scheduler.advance(Duration.ofSeconds(10));
        monitor.update(Map.of(a, target(a, 10, warm), b, target(b, 10, warm)));
        scheduler.advance(Duration.ZERO);
        assertEquals(1, checker.checksOf(b), "a target added after the warm-up is checked at once");
    }

    @Test
    void reloadWithTheSamePolicyKeepsStateAndSchedule() {
        HttpCheck http = new HttpCheck(false, false, "/health", null, Set.of(200), null, Pattern.compile("ok|fine"), 0);
        CheckPolicy httpPolicy = policy(http, 1000, 500, 2, 3, 300, true);
        monitor.update(Map.of(a, target(a, 10, httpPolicy)));
        checker.answer(a, REFUSED);
        scheduler.advance(Duration.ofMillis(300));
        assertEquals(HealthState.DOWN, monitor.status(a).orElseThrow().state());
        long checks = checker.checksOf(a);

        // What a reload parses again: equal values, a newly compiled regex, another weight.
        HttpCheck reparsed = new HttpCheck(false, false, "/health", null, Set.of(200), null, Pattern.compile("ok|fine"), 0);
        monitor.update(Map.of(a, target(a, 20, policy(reparsed, 1000, 500, 2, 3, 300, true))));

        TargetStatus status = monitor.status(a).orElseThrow();
        assertEquals(HealthState.DOWN, status.state());
        assertEquals(2, status.consecutive());
        assertEquals(20, status.weight());
        scheduler.advance(Duration.ofMillis(299));
        assertEquals(checks, checker.checksOf(a), "the pending check keeps its time");
        assertEquals(1, changes.size());
    }

    @Test
    void changedPolicyRestartsFromTheInitialState() {
        monitor.update(Map.of(a, target(a, 10, policy)));
        checker.answer(a, REFUSED);
        scheduler.advance(Duration.ofMillis(300));
        assertEquals(HealthState.DOWN, monitor.status(a).orElseThrow().state());

        monitor.update(Map.of(a, target(a, 10, policy(new TcpCheck(0), 2000, 500, 2, 3, 300, true))));
        TargetStatus restarted = monitor.status(a).orElseThrow();
        assertEquals(HealthState.UP, restarted.state());
        assertNull(restarted.lastResult());
        assertEquals(0, restarted.consecutive());
        assertEquals(1, scheduler.pending(), "the old schedule is cancelled");
    }

    @Test
    void resultOfACheckStillRunningWhenTheTargetIsReplacedIsDropped() {
        monitor.update(Map.of(a, target(a, 10, policy)));
        checker.hold();
        scheduler.advance(Duration.ZERO);
        monitor.update(Map.of(a, target(a, 10, policy(new TcpCheck(0), 1000, 500, 1, 1, 300, true))));
        checker.release(REFUSED);
        TargetStatus status = monitor.status(a).orElseThrow();
        assertEquals(HealthState.UP, status.state(), "fall 1 would have taken it down");
        assertNull(status.lastResult());
        assertTrue(changes.isEmpty());
    }

    @Test
    void removedTargetIsNoLongerChecked() {
        TargetKey b = key("127.0.0.2", 8080);
        monitor.update(Map.of(a, target(a, 10, policy), b, target(b, 10, policy)));
        scheduler.advance(Duration.ZERO);
        monitor.update(Map.of(b, target(b, 10, policy)));
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(1, checker.checksOf(a));
        assertEquals(6, checker.checksOf(b));
        assertEquals(Set.of(b), monitor.snapshot().keySet());
    }

    @Test
    void noCheckMeansAlwaysUpAndNeverChecked() {
        monitor.update(Map.of(a, target(a, 7, CheckPolicy.none())));
        scheduler.advance(Duration.ofMinutes(1));
        assertTrue(checker.started().isEmpty());
        TargetStatus status = monitor.status(a).orElseThrow();
        assertTrue(status.up());
        assertEquals(7, status.weight());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void aDynamicWeightChangeIsReportedWithoutAStateChange() {
        monitor.update(Map.of(a, target(a, 10, policy(new ExecCheck(List.of("true"), true), 1000, 500, 2, 3, 300, true))));
        checker.answer(a, CheckResult.success("exit 7", 5));
        scheduler.advance(Duration.ZERO);
        assertEquals(1, changes.size());
        assertFalse(changes.get(0).stateChanged());
        assertTrue(changes.get(0).weightChanged());
        assertEquals(5, monitor.status(a).orElseThrow().weight());
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(1, changes.size(), "same weight again: nothing to tell");
    }

    @Test
    void closeStopsEverything() {
        monitor.update(Map.of(a, target(a, 10, policy)));
        monitor.close();
        assertTrue(scheduler.closed());
        assertTrue(monitor.snapshot().isEmpty());
    }

    @Test
    void randomJitterSpreadsFirstChecksOverOneIntervalAndKeepsLaterOnesNearTheDelay() {
        Jitter jitter = Jitter.random();
        Duration interval = Duration.ofSeconds(2);
        for (int i = 0; i < 1000; i++) {
            Duration first = jitter.first(interval);
            assertTrue(!first.isNegative() && first.compareTo(interval) < 0, first.toString());
            long around = jitter.around(interval).toMillis();
            assertTrue(around >= 1900 && around <= 2100, Long.toString(around));
        }
    }

    @Test
    void severalChecksRunOnTheirOwnScheduleAndTheTargetIsUpOnlyWhileAllAreUp() {
        TcpCheck web = new TcpCheck(80);
        TcpCheck admin = new TcpCheck(81);
        // web: every 1000 ms, down after 1 failure; admin: every 500 ms, retry 100 ms, fall 2, rise 2.
        CheckPolicy both = CheckPolicy.allOf(List.of(policy(web, 1000, 500, 1, 1, 1000, true),
                policy(admin, 500, 400, 2, 2, 100, true)));
        monitor.update(Map.of(a, target(a, 10, both)));
        scheduler.advance(Duration.ZERO);
        scheduler.advance(Duration.ofMillis(1000));
        assertEquals(2, checker.checksOf(web));
        assertEquals(3, checker.checksOf(admin));
        assertTrue(monitor.status(a).orElseThrow().up());

        checker.answer(admin, REFUSED);
        scheduler.advance(Duration.ofMillis(500));
        assertTrue(monitor.status(a).orElseThrow().up(), "one failure of a check with fall 2");
        scheduler.advance(Duration.ofMillis(100));
        TargetStatus down = monitor.status(a).orElseThrow();
        assertEquals(HealthState.DOWN, down.state(), "the second failure of admin takes the server down");
        assertEquals(REFUSED, down.lastResult(), "the status shows the failing check's result");
        assertEquals(1, changes.size());

        checker.answer(admin, OK);
        scheduler.advance(Duration.ofMillis(100));
        assertEquals(HealthState.DOWN, monitor.status(a).orElseThrow().state(), "rise 2: one success is not enough");
        scheduler.advance(Duration.ofMillis(500));
        assertEquals(HealthState.UP, monitor.status(a).orElseThrow().state());
        assertEquals(2, changes.size());

        checker.answer(web, REFUSED);
        scheduler.advance(Duration.ofMillis(1000));
        assertEquals(HealthState.DOWN, monitor.status(a).orElseThrow().state(), "web falls after one failure");
    }
}
