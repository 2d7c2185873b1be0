package io.ipvsd.daemon.health;

import java.time.Duration;

/**
 * Told about every completed check, whatever its outcome (metrics: durations and failures). Called
 * on the monitor's scheduler thread: it must return quickly.
 */
@FunctionalInterface
public interface CheckObserver {
    CheckObserver NONE = (key, result, took) -> {
    };

    /** @param took from the check's start to its result */
    void checked(TargetKey key, CheckResult result, Duration took);
}
