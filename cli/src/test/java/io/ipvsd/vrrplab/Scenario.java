package io.ipvsd.vrrplab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;

/** What the scenarios share: the VIPs, the waits, and "measure, record, then hold to a bound". */
final class Scenario {
    static final Vip VIP_98 = Vip.of("192.0.2.98/24", "ens192:1");
    static final Vip VIP_99 = Vip.of("192.0.2.99/24", "ens192:2");
    /** The field's 9-character password: keepalived truncates it to 8 (02600009) and logs that it did. */
    static final String FIELD_PASSWORD_AS_WRITTEN = "026000096";
    /** A first election: a JVM or keepalived start, then 3 x 1 s + skew with no master. */
    static final Duration ELECTION = Duration.ofSeconds(15);
    /** Longer than any master-down interval at advert_int 1 (3.996 s at priority 1): a takeover would show. */
    static final Duration LONGER_THAN_MASTER_DOWN = Duration.ofMillis(4_500);
    /** Polling adds a few ms per node; processes on a loaded 2-core machine add some more. */
    static final double MEASUREMENT_SLACK_SECONDS = 0.5;

    private Scenario() {
    }

    /** The RFC's bound on a kill -9 failover for this backup: 3 x advert + skew, plus the measurement slack. */
    static double failoverBound(VrrpInstance survivor) {
        return survivor.masterDownSeconds() + MEASUREMENT_SLACK_SECONDS;
    }

    /** Records the time between two System.nanoTime() values, then fails if it exceeds the bound. */
    static double recordWithin(String scenario, String measurement, long fromNanos, long toNanos, double boundSeconds) {
        double seconds = Results.seconds(fromNanos, toNanos);
        String bound = String.format(Locale.ROOT, "(bound %.3f s)", boundSeconds);
        Results.record(scenario, measurement, seconds, bound);
        assertTrue(seconds <= boundSeconds, scenario + ": " + measurement + " took " + seconds + " s, more than " + bound);
        return seconds;
    }

    /** Records a time that has no bound of its own (it explains another one). */
    static void record(String scenario, String measurement, long fromNanos, long toNanos) {
        Results.record(scenario, measurement, Results.seconds(fromNanos, toNanos), "");
    }
}
