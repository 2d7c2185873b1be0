package io.ipvsd.daemon.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The /healthz verdict, with kube-proxy's meaning: healthy while passes complete (and while the
 * first one is due), unhealthy once none has completed for {@value #MISSED_PASSES} intervals (at
 * least {@link #MIN_GRACE}). A pass completes when it observed the kernel and applied its plan,
 * even if the kernel refused some changes; one that could not observe or plan does not.
 */
final class Healthz {
    static final int MISSED_PASSES = 3;
    /** A floor for very short intervals: a pass of a large table may take seconds. */
    static final Duration MIN_GRACE = Duration.ofSeconds(10);

    record Verdict(boolean healthy, String reason) {
        int httpStatus() {
            return healthy ? 200 : 503;
        }
    }

    private final Clock clock;
    private final Supplier<Duration> interval;
    private final Instant started;
    private Instant lastCompleted;
    private String lastError;

    Healthz(Clock clock, Supplier<Duration> interval) {
        this.clock = clock;
        this.interval = interval;
        this.started = clock.instant();
    }

    synchronized void passCompleted(Instant at) {
        lastCompleted = at;
        lastError = null;
    }

    /** A pass that did not complete, and why: the reason is in the body once unhealthy. */
    synchronized void passFailed(String error) {
        lastError = error;
    }

    synchronized Verdict verdict() {
        Instant now = clock.instant();
        Duration grace = interval.get().multipliedBy(MISSED_PASSES);
        if (grace.compareTo(MIN_GRACE) < 0) {
            grace = MIN_GRACE;
        }
        Instant since = lastCompleted != null ? lastCompleted : started;
        Duration age = Duration.between(since, now);
        if (age.compareTo(grace) <= 0) {
            return new Verdict(true, lastCompleted == null
                    ? "ok: started " + seconds(age) + " ago, first pass due"
                    : "ok: last pass completed " + seconds(age) + " ago");
        }
        String what = lastCompleted == null ? "no pass has completed since the start " + seconds(age) + " ago"
                : "no pass has completed for " + seconds(age);
        return new Verdict(false, what + " (allowed: " + seconds(grace) + ")"
                + (lastError == null ? "" : "; last pass failed: " + lastError));
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
