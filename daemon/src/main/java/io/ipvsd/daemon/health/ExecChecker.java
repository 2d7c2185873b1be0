package io.ipvsd.daemon.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * keepalived's MISC_CHECK: runs a command per check on a small bounded pool. The pool also bounds the
 * number of live child processes (the JDK keeps one reaper thread per live child), whatever the number
 * of targets; checks beyond that wait their turn.
 */
final class ExecChecker implements AutoCloseable {
    private static final int THREADS = 4;
    /** Exit code meaning "down" with dynamic weight; 2..255 mean "up with weight code - 2". */
    private static final int DYNAMIC_DOWN = 1;
    private static final int DYNAMIC_WEIGHT_BASE = 2;

    private final ThreadPoolExecutor pool;

    ExecChecker() {
        pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Threads.daemon("ipvsd-health-exec"));
        pool.allowCoreThreadTimeOut(true);
    }

    CompletableFuture<CheckResult> check(TargetKey key, Target target, ExecCheck spec) {
        Duration timeout = target.policy().timeout();
        Map<String, String> env = Map.of(
                "IPVSD_RS_ADDR", target.address().getHostAddress(),
                "IPVSD_RS_PORT", Integer.toString(target.port()),
                "IPVSD_VS", key.service());
        return CompletableFuture.supplyAsync(
                () -> judge(spec, CommandRunner.run(spec.command(), env, timeout), timeout), pool);
    }

    static CheckResult judge(ExecCheck spec, CommandRunner.Outcome outcome, Duration timeout) {
        if (outcome instanceof CommandRunner.NotStarted notStarted) {
            return CheckResult.failure("exec failed: " + notStarted.error());
        }
        if (outcome instanceof CommandRunner.TimedOut) {
            return CheckResult.failure("exec timeout after " + timeout.toMillis() + "ms");
        }
        if (outcome instanceof CommandRunner.Stopped) {
            return CheckResult.failure("exec stopped: health checks are shutting down");
        }
        int code = ((CommandRunner.Exited) outcome).code();
        if (code == 0) {
            return CheckResult.success("exit 0");
        }
        if (spec.dynamicWeight() && code >= DYNAMIC_WEIGHT_BASE && code <= 255) {
            return CheckResult.success("exit " + code, code - DYNAMIC_WEIGHT_BASE);
        }
        return CheckResult.failure("exit " + code);
    }

    @Override
    public void close() {
        // Interrupting the workers makes each kill the command it is waiting for.
        pool.shutdownNow();
    }
}
