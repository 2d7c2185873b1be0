package io.ipvsd.daemon.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link CheckScheduler} on one daemon thread, whatever the number of targets. */
public final class ThreadCheckScheduler implements CheckScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadCheckScheduler.class);
    private final ScheduledThreadPoolExecutor executor;
    private final Clock clock = Clock.systemUTC();

    public ThreadCheckScheduler() {
        executor = new ScheduledThreadPoolExecutor(1, Threads.daemon("ipvsd-health-scheduler"));
        // Without this a config reload that drops 10,000 targets leaves 10,000 dead tasks queued.
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        var future = executor.schedule(logged(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(logged(task));
    }

    /** The executor keeps a task's exception in a future nobody reads: log it instead of losing it. */
    private static Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("health check task failed", e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
