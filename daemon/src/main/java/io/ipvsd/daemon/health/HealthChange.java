package io.ipvsd.daemon.health;

/**
 * A target changed state or weight.
 *
 * @param key    which target
 * @param target its configuration when the change happened
 * @param before status before the check that caused the change
 * @param after  status after it
 */
public record HealthChange(TargetKey key, Target target, TargetStatus before, TargetStatus after) {
    public boolean stateChanged() {
        return before.state() != after.state();
    }

    public boolean weightChanged() {
        return before.weight() != after.weight();
    }
}
