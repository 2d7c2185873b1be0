package io.ipvsd.daemon.metrics;

import io.ipvsd.daemon.plan.DesiredState;
import io.ipvsd.daemon.plan.Operation;
import io.ipvsd.daemon.reconcile.OperationFailure;
import io.ipvsd.daemon.reconcile.TickReport;
import io.ipvsd.netlink.Receiver;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** The loop's passes and reloads, and the build. Fed by the loop thread only. */
final class LoopMetrics {
    private static final String NOT_PLANNED = "not planned";

    private final Histogram duration;
    private final Gauge lastPass;
    private final Counter passes;
    private final Counter passErrors;
    private final Counter applied;
    private final Counter refused;
    private final Counter notPlanned;
    private final Counter drift;
    private final Gauge generation;
    private final Gauge reloadOk;
    private final Gauge reloadOkAt;
    private DesiredState previousDesired;
    private long previousGeneration = -1;

    LoopMetrics(PrometheusRegistry registry, String version) {
        // kube-proxy's buckets for its sync duration: 1 ms doubling to 16 s.
        duration = Histogram.builder().name("ipvsd_pass_duration_seconds")
                .help("Time a pass took to observe the kernel, plan and apply.")
                .classicOnly().classicExponentialUpperBounds(0.001, 2, 15).register(registry);
        lastPass = Gauge.builder().name("ipvsd_pass_last_timestamp_seconds")
                .help("When the last pass that observed the kernel and applied its plan ended.").register(registry);
        passes = Counter.builder().name("ipvsd_passes").help("Passes run.").register(registry);
        passErrors = Counter.builder().name("ipvsd_pass_errors")
                .help("Passes that could not observe, plan or finish (the next pass tries again).").register(registry);
        applied = Counter.builder().name("ipvsd_operations_applied")
                .help("Changes the kernel (or /proc) accepted, by kind.").labelNames("kind").register(registry);
        refused = Counter.builder().name("ipvsd_kernel_refusals")
                .help("Changes the kernel (or /proc) refused, by kind.").labelNames("kind").register(registry);
        notPlanned = Counter.builder().name("ipvsd_operations_not_planned")
                .help("Changes the planner left out because the kernel would refuse them.").register(registry);
        drift = Counter.builder().name("ipvsd_drift_corrections")
                .help("Changes applied although neither the file nor any health state had changed since the last "
                        + "pass: someone else edited the kernel.").register(registry);
        CounterWithCallback.builder().name("ipvsd_netlink_deadline_exceeded")
                .help("Netlink exchanges (IPVS and nf_tables) that got no complete answer before their deadline.")
                .callback(cb -> cb.call(Receiver.deadlinesMissed())).register(registry);
        generation = Gauge.builder().name("ipvsd_config_generation")
                .help("Configurations loaded since start (1 is the file read at start).").register(registry);
        reloadOk = Gauge.builder().name("ipvsd_config_last_reload_successful")
                .help("1 when the last load of the file was applied, 0 when it was rejected or waits for a "
                        + "confirmation of removals.").register(registry);
        reloadOkAt = Gauge.builder().name("ipvsd_config_last_reload_success_timestamp_seconds")
                .help("When the file was last loaded successfully.").register(registry);
        for (String kind : OperationKind.ALL) {
            // Every kind at 0 from the start: dashboards and alerts see a series before the first change.
            applied.labelValues(kind);
            refused.labelValues(kind);
        }
        Info.builder().name("ipvsd_build").help("The running ipvsd's version.").labelNames("version")
                .register(registry).addLabelValues(version);
    }

    void passed(TickReport report, DesiredState desired, long configGeneration, Instant ended) {
        passes.inc();
        duration.observe(report.duration().toNanos() / 1e9);
        if (report.error() != null) {
            passErrors.inc();
        } else {
            lastPass.set(ended.toEpochMilli() / 1000.0);
        }
        boolean sameInputs = configGeneration == previousGeneration && desired.equals(previousDesired);
        previousGeneration = configGeneration;
        previousDesired = desired;
        if (report.plan() == null) {
            return;
        }
        Set<String> failed = new HashSet<>();
        for (OperationFailure f : report.failures()) {
            if (f.operation().equals(NOT_PLANNED)) {
                notPlanned.inc();
            } else {
                failed.add(f.operation());
            }
        }
        for (Operation op : report.plan().operations()) {
            String kind = OperationKind.of(op);
            if (!failed.isEmpty() && failed.contains(op.render().strip())) { // rendered only when some failed
                refused.labelValues(kind).inc();
            } else if (report.error() == null) {
                applied.labelValues(kind).inc();
                if (sameInputs && !OperationKind.scheduled(op)) {
                    drift.inc();
                }
            }
        }
    }

    /** A pass that ended on an exception outside the reconcile's own error handling. */
    void passFailed() {
        passes.inc();
        passErrors.inc();
    }

    void loaded(long configGeneration, Instant at) {
        generation.set(configGeneration);
        reloadOk.set(1);
        reloadOkAt.set(at.toEpochMilli() / 1000.0);
    }

    void rejected() {
        reloadOk.set(0);
    }
}
