package io.ipvsd.daemon.health;

import java.time.Instant;

/**
 * Health of one target as last seen by the monitor.
 *
 * @param state       UP or DOWN
 * @param lastResult  result of the last completed check, or null before the first one
 * @param consecutive how many results in a row had the outcome of {@code lastResult}
 * @param lastChange  when {@code state} last changed (or when monitoring of the target started)
 * @param weight      weight to give the real server: the one its check last reported, else the configured one
 */
public record TargetStatus(HealthState state, CheckResult lastResult, int consecutive, Instant lastChange,
                           int weight) {
    public boolean up() {
        return state == HealthState.UP;
    }
}
