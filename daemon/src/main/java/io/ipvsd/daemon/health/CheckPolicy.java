package io.ipvsd.daemon.health;

import java.time.Duration;
import java.util.List;

/**
 * How and how often one real server is checked.
 *
 * @param spec        the check itself
 * @param interval    time between the starts of two checks while the last result was success
 * @param timeout     a check that has not answered by then has failed
 * @param fall        consecutive failures before an up server goes down
 * @param rise        consecutive successes before a down server comes up
 * @param retryDelay  time between checks after a failure (keepalived's delay_before_retry)
 * @param initiallyUp state before the first result
 * @param warmup      no checks for this long after the daemon starts
 */
public record CheckPolicy(CheckSpec spec, Duration interval, Duration timeout, int fall, int rise,
                          Duration retryDelay, boolean initiallyUp, Duration warmup) {
    /** One value shared by every real server without a check (100,000 of them at the scale target). */
    private static final CheckPolicy NONE = new CheckPolicy(new NoCheck(), Duration.ofSeconds(5), Duration.ofSeconds(3),
            3, 1, Duration.ofSeconds(5), true, Duration.ZERO);

    /**
     * Several checks that must all pass; each keeps its own timing, so this policy's own timing fields are
     * the defaults and unused, and it starts up only if every check does.
     */
    public static CheckPolicy allOf(List<CheckPolicy> checks) {
        CheckPolicy defaults = none();
        return new CheckPolicy(new AllChecks(checks), defaults.interval, defaults.timeout, defaults.fall, defaults.rise,
                defaults.retryDelay, checks.stream().allMatch(CheckPolicy::initiallyUp), Duration.ZERO);
    }

    public static CheckPolicy none() {
        return NONE;
    }
}
