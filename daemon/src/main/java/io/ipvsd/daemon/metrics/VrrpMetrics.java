package io.ipvsd.daemon.metrics;

import io.ipvsd.daemon.vrrp.VrrpState;
import io.ipvsd.daemon.vrrp.runtime.InstanceStatus;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.Supplier;

/** Each VRRP instance's state, priority and adverts, read from the runtime's status when scraped. */
final class VrrpMetrics {
    private static final String[] LABELS = {"instance", "interface", "vrid"};

    VrrpMetrics(Supplier<List<InstanceStatus>> instances, PrometheusRegistry registry) {
        // A state set, as Prometheus' conventions have it: one series per state, 1 on the current one.
        GaugeWithCallback.builder().name("ipvsd_vrrp_state")
                .help("1 for the VRRP instance's current state, 0 for the others.")
                .labelNames("instance", "interface", "vrid", "state")
                .callback(cb -> instances.get().forEach(i -> {
                    for (VrrpState s : VrrpState.values()) {
                        cb.call(s.name().equals(i.state()) ? 1 : 0, i.name(), i.interfaceName(),
                                Integer.toString(i.vrid()), s.name());
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name("ipvsd_vrrp_effective_priority")
                .help("The priority the instance advertises now (tracking applied).").labelNames(LABELS)
                .callback(cb -> instances.get().forEach(i -> cb.call(i.effectivePriority(), labels(i))))
                .register(registry);
        CounterWithCallback.builder().name("ipvsd_vrrp_adverts_sent").help("VRRP adverts the instance sent.")
                .labelNames(LABELS)
                .callback(cb -> instances.get().forEach(i -> cb.call(i.advertsSent(), labels(i))))
                .register(registry);
        CounterWithCallback.builder().name("ipvsd_vrrp_adverts_received")
                .help("VRRP adverts for the instance received and accepted.").labelNames(LABELS)
                .callback(cb -> instances.get().forEach(i -> cb.call(i.advertsReceived(), labels(i))))
                .register(registry);
        CounterWithCallback.builder().name("ipvsd_vrrp_adverts_dropped")
                .help("VRRP adverts for the instance dropped, by reason.")
                .labelNames("instance", "interface", "vrid", "reason")
                .callback(cb -> instances.get().forEach(i -> i.dropped().forEach((reason, n) -> cb.call(n,
                        i.name(), i.interfaceName(), Integer.toString(i.vrid()), reason))))
                .register(registry);
    }

    private static String[] labels(InstanceStatus i) {
        return new String[] {i.name(), i.interfaceName(), Integer.toString(i.vrid())};
    }
}
