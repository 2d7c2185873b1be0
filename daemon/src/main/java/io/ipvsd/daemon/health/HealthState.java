package io.ipvsd.daemon.health;

/** Whether a real server may receive traffic. */
public enum HealthState {
    UP,
    DOWN
}
