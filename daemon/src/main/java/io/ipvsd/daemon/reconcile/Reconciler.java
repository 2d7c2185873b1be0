package io.ipvsd.daemon.reconcile;

import io.ipvsd.daemon.observe.Sysctls;
import io.ipvsd.daemon.plan.DesiredState;
import io.ipvsd.daemon.plan.IpvsChange;
import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.daemon.plan.ObservedServices;
import io.ipvsd.daemon.plan.ObservedState;
import io.ipvsd.daemon.plan.Operation;
import io.ipvsd.daemon.plan.Plan;
import io.ipvsd.daemon.plan.Planner;
import io.ipvsd.daemon.plan.SetSysctl;
import io.ipvsd.daemon.plan.SyncFirewall;
import io.ipvsd.daemon.state.OwnedState;
import io.ipvsd.daemon.state.StateFile;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.UnreadService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass: observe the kernel, plan against the desired state, apply. Each pass starts from a
 * fresh reading of the service table, so a failed or interrupted pass is simply corrected by the
 * next one; of the real servers it reads those it must and a share of the rest (see
 * {@link RealServerReadings}), and any service the plan would change is read in the pass that
 * changes it. The same code serves the daemon's ticks and `ipvsctl apply`.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** The share ({@code [daemon] real_servers_per_pass = 0}) with which a pass reads every real server. */
    public static final int EVERY_REAL_SERVER = 0;

    private final IpvsGateway ipvs;
    private final Sysctls sysctls;
    private final StateFile stateFile;
    private final Clock clock;
    private final RealServerReadings readings;

    public Reconciler(IpvsGateway ipvs, Sysctls sysctls, StateFile stateFile, Clock clock) {
        this.ipvs = ipvs;
        this.sysctls = sysctls;
        this.stateFile = stateFile;
        this.clock = clock;
        this.readings = new RealServerReadings(clock);
    }

    /** Observes (every real server) and plans without writing anything (`ipvsctl plan`). */
    public Plan plan(DesiredState desired, FirewallGateway firewall) throws IOException {
        RealServerReadings.Observation o = new RealServerReadings(clock).read(ipvs, Set.of(), EVERY_REAL_SERVER);
        return Planner.plan(desired, observe(desired, o), stateFile.load(), clock.instant(), firewall.diff());
    }

    /**
     * One pass.
     *
     * @param share about how many real servers to read beyond those the pass must (see
     *              {@link RealServerReadings}); {@link #EVERY_REAL_SERVER} reads every one
     */
    public TickReport reconcile(DesiredState desired, FirewallGateway firewall, int share) {
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        Plan plan;
        OwnedState owned;
        List<UnreadService> unread;
        ObservedState observed;
        RealServerReadings.Observation read;
        Duration reading;
        try {
            owned = stateFile.load();
            read = readings.read(ipvs, drainingServices(owned), share);
            observed = observe(desired, read);
            reading = Duration.ofNanos(System.nanoTime() - t0);
            SyncFirewall firewallChange = firewall.diff();
            plan = Planner.plan(desired, observed, owned, start, firewallChange);
            // A write is never planned from an earlier pass's reading: read those services now, plan again.
            List<ServiceKey> stale = changedServices(plan).stream().filter(read.earlier()::contains).toList();
            if (!stale.isEmpty()) {
                long t1 = System.nanoTime();
                read = readings.reread(ipvs, read, stale);
                observed = new ObservedState(read.services().services(), observed.sysctls(), observed.timeouts(),
                        observed.syncDaemons(), read.services().unread());
                reading = reading.plusNanos(System.nanoTime() - t1);
                plan = Planner.plan(desired, observed, owned, start, firewallChange);
            }
            unread = observed.unread();
        } catch (IOException | RuntimeException e) {
            return new TickReport(start, Duration.ofNanos(System.nanoTime() - t0), null, 0, List.of(), describe(e));
        }
        // What the pass writes, the next one reads again.
        readings.forget(changedServices(plan));
        TickReport.RealServerReads reads = new TickReport.RealServerReads(read.realServers(),
                read.earlier().isEmpty() ? null : readings.oldest());
        List<OperationFailure> failures = new ArrayList<>();
        for (String what : plan.notPlanned()) {
            LOG.warn("not planned: {}", what);
            failures.add(OperationFailure.notPlanned(what));
        }
        unread.forEach(u -> LOG.debug("cannot read {} fully: {}", u.what(), u.reason()));
        int applied = 0;
        try {
            OwnedState onDisk = owned;
            if (!plan.isEmpty()) {
                // Record intent first: a crash mid-apply must not forget a service it was deleting.
                onDisk = saveIfChanged(onDisk, union(owned, plan.nextOwned()));
                applied = apply(plan, firewall, failures);
            }
            saveIfChanged(onDisk, plan.nextOwned());
        } catch (IOException | RuntimeException e) {
            return new TickReport(start, Duration.ofNanos(System.nanoTime() - t0), reading, plan, applied, failures,
                    describe(e), unread, read.services(), reads);
        }
        return new TickReport(start, Duration.ofNanos(System.nanoTime() - t0), reading, plan, applied, failures, null,
                unread, read.services(), reads);
    }

    private ObservedState observe(DesiredState desired, RealServerReadings.Observation read) throws IOException {
        ObservedServices services = read.services();
        Timeouts timeouts = desired.timeouts() == null ? null : ipvs.timeouts();
        List<SyncDaemon> daemons = desired.syncDaemon() == null ? List.of() : ipvs.syncDaemons();
        return new ObservedState(services.services(), sysctls.read(desired.sysctls().keySet()), timeouts, daemons,
                services.unread());
    }

    /** Services with a draining real server: whether it still has connections decides its deletion. */
    private static Set<ServiceKey> drainingServices(OwnedState owned) {
        Set<ServiceKey> out = new HashSet<>();
        owned.draining().keySet().forEach(d -> out.add(d.service()));
        return out;
    }

    /** The services a plan writes to. */
    private static Set<ServiceKey> changedServices(Plan plan) {
        Set<ServiceKey> out = new LinkedHashSet<>();
        for (Operation op : plan.operations()) {
            if (op instanceof IpvsChange change) {
                out.add(change.op().service());
            }
        }
        return out;
    }

    private int apply(Plan plan, FirewallGateway firewall, List<OperationFailure> failures) throws IOException {
        int applied = 0;
        int before = failures.size();
        List<Operation> ipvsOps = new ArrayList<>();
        List<Operation> afterFirewall = new ArrayList<>();
        SyncFirewall fw = null;
        for (Operation op : plan.operations()) {
            if (op instanceof SetSysctl s) {
                try {
                    sysctls.write(s.name(), s.to());
                    applied++;
                } catch (IOException e) {
                    failures.add(new OperationFailure(op, 0, describe(e)));
                }
            } else if (op instanceof SyncFirewall f) {
                fw = f;
            } else if (fw == null) {
                ipvsOps.add(op);
            } else {
                afterFirewall.add(op);
            }
        }
        applied += applyIpvs(ipvsOps, failures);
        if (fw != null) {
            try {
                firewall.apply(fw);
                applied++;
            } catch (IOException e) {
                failures.add(new OperationFailure(fw, 0, describe(e)));
            }
        }
        applied += applyIpvs(afterFirewall, failures);
        for (OperationFailure f : failures.subList(before, failures.size())) {
            LOG.warn("apply failed: {}", f);
        }
        return applied;
    }

    private int applyIpvs(List<Operation> ops, List<OperationFailure> failures) throws IOException {
        if (ops.isEmpty()) {
            return 0;
        }
        List<OperationFailure> refused = ipvs.apply(ops);
        failures.addAll(refused);
        return ops.size() - refused.size();
    }

    private OwnedState saveIfChanged(OwnedState onDisk, OwnedState next) throws IOException {
        if (!next.equals(onDisk)) {
            stateFile.save(next);
        }
        return next;
    }

    private static OwnedState union(OwnedState a, OwnedState b) {
        Set<ServiceKey> services = new HashSet<>(a.services());
        services.addAll(b.services());
        return new OwnedState(services, b.draining());
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
