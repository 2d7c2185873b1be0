package io.ipvsd.daemon.health;

import java.time.Duration;
import java.time.Instant;

/**
 * Time and task execution for the {@link HealthMonitor}: one thread in production
 * ({@link ThreadCheckScheduler}), virtual time in tests.
 */
public interface CheckScheduler extends AutoCloseable {
    Instant now();

    /** Runs {@code task} after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} as soon as possible, on the scheduler's thread. */
    void execute(Runnable task);

    @Override
    void close();

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
