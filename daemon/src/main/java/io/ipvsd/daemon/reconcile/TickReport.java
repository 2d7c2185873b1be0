package io.ipvsd.daemon.reconcile;

import io.ipvsd.daemon.plan.ObservedServices;
import io.ipvsd.daemon.plan.Plan;
import io.ipvsd.ipvs.UnreadService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one reconcile pass did.
 *
 * @param reading  of {@code duration}, the time spent reading the kernel (IPVS, sysctls) and the
 *                 ownership record: a pass cannot be shorter, whatever it plans
 * @param plan     what it planned (null when the observation itself failed)
 * @param applied  operations the kernel accepted
 * @param failures operations refused
 * @param error    why the pass could not observe or plan at all, or null
 * @param unread   services in the kernel the pass could not read fully, with why (left alone)
 * @param observed the service table as the pass read it, before applying (null when not read):
 *                 what /metrics serves, so a scrape never asks the kernel itself; real servers
 *                 of some services as an earlier pass read them (see {@code reads})
 * @param reads    how many real servers the pass read, and how old the oldest earlier reading it used is
 */
public record TickReport(Instant started, Duration duration, Duration reading, Plan plan, int applied,
                         List<OperationFailure> failures, String error, List<UnreadService> unread,
                         ObservedServices observed, RealServerReads reads) {
    /**
     * @param read   real servers read by this pass
     * @param oldest when the oldest reading of real servers the pass took from an earlier pass
     *               was made (null: the pass read every real server)
     */
    public record RealServerReads(int read, Instant oldest) {
        public static final RealServerReads NONE = new RealServerReads(0, null);
    }

    public TickReport {
        failures = List.copyOf(failures);
        unread = List.copyOf(unread);
    }

    /** A pass that failed before it had read the kernel. */
    public TickReport(Instant started, Duration duration, Plan plan, int applied, List<OperationFailure> failures,
                      String error) {
        this(started, duration, Duration.ZERO, plan, applied, failures, error, List.of(), null, RealServerReads.NONE);
    }

    public boolean ok() {
        return error == null && failures.isEmpty();
    }
}
