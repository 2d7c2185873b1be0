package io.ipvsd.daemon.health;

import java.util.List;

/**
 * Several checks of one real server, each with its own timing and rise/fall count; the real server
 * is up while every one of them is up (as keepalived, where a real server with several checkers is
 * up only when none of them has failed). {@link HealthMonitor} runs the parts; a {@link Checker}
 * never sees this spec.
 *
 * @param checks two or more policies, none of them an AllChecks
 */
public record AllChecks(List<CheckPolicy> checks) implements CheckSpec {
    public AllChecks {
        checks = List.copyOf(checks);
        if (checks.stream().anyMatch(c -> c.spec() instanceof AllChecks)) {
            throw new IllegalArgumentException("nested AllChecks");
        }
    }
}
