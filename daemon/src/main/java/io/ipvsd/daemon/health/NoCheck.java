package io.ipvsd.daemon.health;

/** No check: the real server is always up (the default). */
public record NoCheck() implements CheckSpec {
}
