package io.ipvsd.daemon.retry;

import java.time.Duration;

/**
 * The pause before retrying an operation that keeps failing (accept at the file-descriptor limit,
 * a selector in trouble): doubles from {@code first} up to {@code max}, back to {@code first} after
 * a success, so a loop that cannot make progress does not burn a core and flood the log.
 */
public final class Backoff {
    private final Duration first;
    private final Duration max;
    private Duration next;

    public Backoff(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, got " + first + ", " + max);
        }
        this.first = first;
        this.max = max;
        this.next = first;
    }

    /** Records a failure; returns how long to wait before the next attempt. */
    public Duration failed() {
        Duration wait = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return wait;
    }

    public void succeeded() {
        next = first;
    }

    /** Records a failure and sleeps its pause; false when interrupted (the caller is being stopped). */
    public boolean pauseAfterFailure() {
        try {
            Thread.sleep(failed().toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
