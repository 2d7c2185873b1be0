package io.ipvsd.kerneltest.daemon;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded polling: probe until a condition holds or a deadline passes, never an open-ended wait.
 * Under TCG a probe (a process in a namespace) costs 50-200 ms, so the pause between probes is short.
 */
final class Await {
    static final Duration PAUSE = Duration.ofMillis(150);

    private Await() {
    }

    /**
     * Probes until {@code done} accepts the probe's value; returns that value. Fails the test after
     * {@code timeout}, showing the last value and whatever {@code context} says (e.g. the daemon's log).
     */
    static <T> T until(Duration timeout, String what, Supplier<T> probe, Predicate<? super T> done, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last;
        while (true) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            pause();
        }
        throw new AssertionError("not true within " + timeout.toMillis() + " ms: " + what + "\n--- last seen:\n" + last
                + (context == null ? "" : "\n" + context.get()));
    }

    /** Probes for the whole of {@code period}, failing the test as soon as {@code ok} rejects a value. */
    static <T> void holds(Duration period, String what, Supplier<T> probe, Predicate<? super T> ok, Supplier<String> context) {
        long deadline = System.nanoTime() + period.toNanos();
        do {
            T value = probe.get();
            if (!ok.test(value)) {
                throw new AssertionError("no longer true: " + what + "\n--- seen:\n" + value
                        + (context == null ? "" : "\n" + context.get()));
            }
            pause();
        } while (System.nanoTime() - deadline < 0);
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
