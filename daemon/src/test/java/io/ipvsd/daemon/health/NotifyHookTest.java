package io.ipvsd.daemon.health;

import static io.ipvsd.daemon.health.Policies.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyHookTest {
    private static final TargetKey KEY = new TargetKey("TCP 127.0.0.1:80", loopback("127.0.0.11"), 8080);
    private static final Target TARGET = new Target(KEY.address(), KEY.port(), 1, CheckPolicy.none());

    @TempDir
    Path dir;

    @Test
    void realServerEventsCarryTheirDetailsInTheEnvironment() throws Exception {
        Path out = dir.resolve("events");
        try (NotifyHook hook = new NotifyHook(recordTo(out), Duration.ofSeconds(5))) {
            hook.realServerChanged(change(HealthState.UP, HealthState.DOWN, CheckResult.failure("connect refused")));
            hook.realServerChanged(change(HealthState.DOWN, HealthState.UP, CheckResult.success("connected")));
            List<String> lines = awaitLines(out, 2);
            assertEquals("rs_down|TCP 127.0.0.1:80|127.0.0.11|8080|connect refused", lines.get(0));
            assertEquals("rs_up|TCP 127.0.0.1:80|127.0.0.11|8080|connected", lines.get(1));
        }
    }

    @Test
    void quorumEvents() throws Exception {
        Path out = dir.resolve("events");
        ServicePool pool = new ServicePool("TCP 127.0.0.1:80", List.of(), false, null, 5, 1);
        try (NotifyHook hook = new NotifyHook(recordTo(out), Duration.ofSeconds(5))) {
            hook.quorumChanged(pool, new PoolOutcome(List.of(), true, QuorumChange.NONE, false, 9));
            hook.quorumChanged(pool, new PoolOutcome(List.of(), false, QuorumChange.LOST, false, 2));
            hook.quorumChanged(pool, new PoolOutcome(List.of(), true, QuorumChange.REGAINED, false, 6));
            List<String> lines = awaitLines(out, 2);
            assertEquals("quorum_lost|TCP 127.0.0.1:80|||up weight 2 < quorum 5 - hysteresis 1", lines.get(0));
            assertEquals("quorum_up|TCP 127.0.0.1:80|||up weight 6 >= quorum 5 + hysteresis 1", lines.get(1));
        }
    }

    @Test
    void aHangingCommandNeitherBlocksTheCallerNorLaterEvents() throws Exception {
        Path out = dir.resolve("events");
        List<String> command = List.of("sh", "-c",
                "if [ \"$IPVSD_EVENT\" = rs_down ]; then sleep 30; else echo \"$IPVSD_EVENT\" >> " + out + "; fi");
        try (NotifyHook hook = new NotifyHook(command, Duration.ofMillis(200))) {
            long start = System.nanoTime();
            hook.realServerChanged(change(HealthState.UP, HealthState.DOWN, CheckResult.failure("HTTP 503")));
            hook.realServerChanged(change(HealthState.DOWN, HealthState.UP, CheckResult.success("HTTP 200")));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 100, "caller waited");
            assertEquals(List.of("rs_up"), awaitLines(out, 1));
        }
    }

    private static List<String> recordTo(Path out) {
        return List.of("sh", "-c", "echo \"$IPVSD_EVENT|$IPVSD_VS|$IPVSD_RS_ADDR|$IPVSD_RS_PORT|$IPVSD_REASON\" >> " + out);
    }

    private static HealthChange change(HealthState from, HealthState to, CheckResult result) {
        return new HealthChange(KEY, TARGET, new TargetStatus(from, null, 0, Instant.EPOCH, 1),
                new TargetStatus(to, result, 3, Instant.now(), 1));
    }

    private static List<String> awaitLines(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= count) {
                    return lines;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + count + " lines in " + file);
    }
}
