package io.ipvsd.daemon.health;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * The rise/fall state machine of one target: an UP target goes DOWN after {@code fall} failures in a
 * row, a DOWN one comes UP after {@code rise} successes in a row. Not thread-safe; pure, no I/O.
 */
final class HealthCounter {
    private final int fall;
    private final int rise;
    private int configuredWeight;
    private HealthState state;
    private CheckResult lastResult;
    private int consecutive;
    private Instant lastChange;
    /** Weight the check last reported; a success without one means "the configured weight". */
    private OptionalInt reportedWeight = OptionalInt.empty();

    HealthCounter(CheckPolicy policy, int configuredWeight, Instant now) {
        this.fall = Math.max(1, policy.fall());
        this.rise = Math.max(1, policy.rise());
        this.configuredWeight = configuredWeight;
        this.state = policy.initiallyUp() ? HealthState.UP : HealthState.DOWN;
        this.lastChange = now;
    }

    /** A counter for targets that are never checked: always up. */
    static HealthCounter alwaysUp(int configuredWeight, Instant now) {
        HealthCounter counter = new HealthCounter(CheckPolicy.none(), configuredWeight, now);
        counter.lastResult = CheckResult.success("no check");
        return counter;
    }

    TargetStatus record(CheckResult result, Instant now) {
        consecutive = lastResult != null && lastResult.ok() == result.ok() ? consecutive + 1 : 1;
        lastResult = result;
        if (result.ok()) {
            reportedWeight = result.weight();
        }
        if (state == HealthState.UP && !result.ok() && consecutive >= fall) {
            changeTo(HealthState.DOWN, now);
        } else if (state == HealthState.DOWN && result.ok() && consecutive >= rise) {
            changeTo(HealthState.UP, now);
        }
        return status();
    }

    /** A config reload changed only the weight: keep the state, use the new weight unless the check reports one. */
    void configuredWeight(int weight) {
        configuredWeight = weight;
    }

    /** The weight the check last reported on success, if it reports one. */
    OptionalInt reportedWeight() {
        return reportedWeight;
    }

    TargetStatus status() {
        return new TargetStatus(state, lastResult, consecutive, lastChange, reportedWeight.orElse(configuredWeight));
    }

    private void changeTo(HealthState newState, Instant now) {
        state = newState;
        lastChange = now;
    }
}
