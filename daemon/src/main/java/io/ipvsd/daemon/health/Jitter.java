package io.ipvsd.daemon.health;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Spreads checks over time so that thousands of targets with the same interval are not all checked
 * in the same instant (and do not fall back into step after a shared outage).
 */
public final class Jitter {
    /** Each later delay varies by up to this fraction either way: the average interval stays as configured. */
    private static final double SPREAD = 0.05;

    private final RandomGenerator random;
    private final double spread;

    private Jitter(RandomGenerator random, double spread) {
        this.random = random;
        this.spread = spread;
    }

    public static Jitter random() {
        return new Jitter(new SplittableRandom(), SPREAD);
    }

    /** No randomness at all: first checks at once, exact delays. For tests. */
    public static Jitter none() {
        return new Jitter(null, 0);
    }

    /** Offset of a new target's first check: uniform in [0, interval). */
    Duration first(Duration interval) {
        if (random == null || interval.isZero()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(random.nextLong(interval.toNanos()));
    }

    Duration around(Duration delay) {
        if (random == null) {
            return delay;
        }
        double factor = 1 + spread * (2 * random.nextDouble() - 1);
        return Duration.ofNanos((long) (delay.toNanos() * factor));
    }
}
