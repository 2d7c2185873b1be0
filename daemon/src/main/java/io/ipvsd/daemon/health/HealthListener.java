package io.ipvsd.daemon.health;

/**
 * Told about every change of a target's state or weight. Called on the monitor's scheduler thread,
 * one change at a time in the order they happened: it must return quickly (hand work to another thread).
 */
@FunctionalInterface
public interface HealthListener {
    void changed(HealthChange change);
}
