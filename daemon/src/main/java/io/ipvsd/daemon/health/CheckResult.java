package io.ipvsd.daemon.health;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Outcome of one check.
 *
 * @param ok     the real server answered as expected
 * @param reason short human text: "connected", "HTTP 503", "connect timeout after 1000ms", "exit 2"
 * @param weight weight reported by the check (exec checks with dynamic weight), else empty
 */
public record CheckResult(boolean ok, String reason, OptionalInt weight) {
    public CheckResult {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(weight, "weight");
    }

    public static CheckResult success(String reason) {
        return new CheckResult(true, reason, OptionalInt.empty());
    }

    public static CheckResult success(String reason, int weight) {
        return new CheckResult(true, reason, OptionalInt.of(weight));
    }

    public static CheckResult failure(String reason) {
        return new CheckResult(false, reason, OptionalInt.empty());
    }

    @Override
    public String toString() {
        return (ok ? "ok: " : "failed: ") + reason;
    }
}
