package io.ipvsd.daemon.metrics;

import io.ipvsd.daemon.health.CheckObserver;
import io.ipvsd.daemon.health.CheckResult;
import io.ipvsd.daemon.health.HealthChange;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.ipvs.ServiceKey;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Real servers' health as the checks see it (state, last change, check durations and failures,
 * transitions) and each service's quorum and sorry server as the last pass decided them.
 */
final class HealthMetrics implements CheckObserver {
    private static final String[] TRANSITION_LABELS = append(IpvsLabels.REAL_SERVER, "to");

    private final Supplier<LastPass> last;
    private final Summary checkDuration;
    private final Counter checkFailures;
    private final Counter transitions;

    HealthMetrics(Supplier<LastPass> last, Supplier<Map<TargetKey, TargetStatus>> health, PrometheusRegistry registry) {
        this.last = last;
        GaugeWithCallback.builder().name("ipvsd_real_server_up")
                .help("1 while the real server's health checks say up, 0 while down.")
                .labelNames(IpvsLabels.REAL_SERVER)
                .callback(cb -> health.get().forEach((key, status) -> labels(key)
                        .ifPresent(l -> cb.call(status.up() ? 1 : 0, l))))
                .register(registry);
        GaugeWithCallback.builder().name("ipvsd_real_server_last_change_timestamp_seconds")
                .help("When the real server's health state last changed (or its monitoring started).")
                .labelNames(IpvsLabels.REAL_SERVER)
                .callback(cb -> health.get().forEach((key, status) -> labels(key)
                        .ifPresent(l -> cb.call(status.lastChange().toEpochMilli() / 1000.0, l))))
                .register(registry);
        // A summary without quantiles: count and sum per real server (mean duration, check rate)
        // without a histogram's buckets multiplying thousands of real servers.
        checkDuration = Summary.builder().name("ipvsd_health_check_duration_seconds")
                .help("Time health checks of the real server took, from start to result.")
                .labelNames(IpvsLabels.REAL_SERVER).register(registry);
        checkFailures = Counter.builder().name("ipvsd_health_check_failures")
                .help("Health checks of the real server that failed.")
                .labelNames(IpvsLabels.REAL_SERVER).register(registry);
        transitions = Counter.builder().name("ipvsd_real_server_transitions")
                .help("Changes of the real server's health state, by the state it went to.")
                .labelNames(TRANSITION_LABELS).register(registry);
        GaugeWithCallback.builder().name("ipvsd_service_quorum_up")
                .help("1 while the service has its quorum of healthy real servers' weight (the last pass's decision).")
                .labelNames(IpvsLabels.SERVICE)
                .callback(cb -> last.get().outcomes().forEach((key, outcome) -> cb.call(outcome.quorumUp() ? 1 : 0,
                        serviceLabels(key))))
                .register(registry);
        GaugeWithCallback.builder().name("ipvsd_service_sorry_server_active")
                .help("1 while the service's sorry server is in the pool (the last pass's decision).")
                .labelNames(IpvsLabels.SERVICE)
                .callback(cb -> last.get().outcomes().forEach((key, outcome) -> cb.call(
                        outcome.sorryServerActive() ? 1 : 0, serviceLabels(key))))
                .register(registry);
    }

    @Override
    public void checked(TargetKey key, CheckResult result, Duration took) {
        labels(key).ifPresent(l -> {
            checkDuration.labelValues(l).observe(took.toNanos() / 1e9);
            // Made at the first check, at 0: a rate over a series that exists returns 0, not nothing.
            checkFailures.labelValues(l).inc(result.ok() ? 0 : 1);
            transitions.labelValues(append(l, "up"));
            transitions.labelValues(append(l, "down"));
        });
    }

    void changed(HealthChange change) {
        if (change.stateChanged()) {
            labels(change.key()).ifPresent(l -> transitions
                    .labelValues(append(l, change.after().state().name().toLowerCase(java.util.Locale.ROOT))).inc());
        }
    }

    /** Drops the series of real servers no longer in the file: reloads leave none behind. */
    void retain(Set<List<String>> realServers) {
        checkDuration.removeIf(l -> !realServers.contains(l));
        checkFailures.removeIf(l -> !realServers.contains(l));
        transitions.removeIf(l -> !realServers.contains(l.subList(0, l.size() - 1)));
    }

    private String[] serviceLabels(ServiceKey key) {
        return IpvsLabels.service(key, last.get().nameOf(key)).toArray(String[]::new);
    }

    /**
     * A target of a service the last pass does not know (just added or removed) has no series yet;
     * none has while real servers are left out (more than [metrics] max_real_servers).
     */
    private Optional<String[]> labels(TargetKey key) {
        LastPass pass = last.get();
        ServiceKey service = pass.byText().get(key.service());
        if (service == null || pass.realServersLeftOut() > 0) {
            return Optional.empty();
        }
        List<String> l = IpvsLabels.realServer(service, pass.nameOf(service), key.address(), key.port());
        return Optional.of(l.toArray(String[]::new));
    }

    private static String[] append(String[] a, String last) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }
}
