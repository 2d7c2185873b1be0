package io.ipvsd.daemon.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Per service and per real server: the kernel's counters (64-bit stats) and connection gauges, read
 * from the last pass's observation when scraped. A scrape never asks the kernel.
 */
final class KernelMetrics {
    private final Supplier<LastPass> last;
    private volatile KernelView view;

    KernelMetrics(Supplier<LastPass> last, PrometheusRegistry registry) {
        this.last = last;
        counter(registry, "ipvsd_service_connections", "Connections the service has scheduled (kernel counter).",
                v -> v.services, KernelView.CONNECTIONS, IpvsLabels.SERVICE);
        counter(registry, "ipvsd_service_incoming_packets", "Packets in to the service.", v -> v.services,
                KernelView.IN_PACKETS, IpvsLabels.SERVICE);
        counter(registry, "ipvsd_service_outgoing_packets", "Packets out of the service (NAT replies).",
                v -> v.services, KernelView.OUT_PACKETS, IpvsLabels.SERVICE);
        counter(registry, "ipvsd_service_incoming_bytes", "Bytes in to the service.", v -> v.services,
                KernelView.IN_BYTES, IpvsLabels.SERVICE);
        counter(registry, "ipvsd_service_outgoing_bytes", "Bytes out of the service (NAT replies).", v -> v.services,
                KernelView.OUT_BYTES, IpvsLabels.SERVICE);
        counter(registry, "ipvsd_real_server_connections", "Connections scheduled to the real server.",
                v -> v.realServers, KernelView.CONNECTIONS, IpvsLabels.REAL_SERVER);
        counter(registry, "ipvsd_real_server_incoming_packets", "Packets in to the real server.", v -> v.realServers,
                KernelView.IN_PACKETS, IpvsLabels.REAL_SERVER);
        counter(registry, "ipvsd_real_server_outgoing_packets", "Packets out of the real server (NAT replies).",
                v -> v.realServers, KernelView.OUT_PACKETS, IpvsLabels.REAL_SERVER);
        counter(registry, "ipvsd_real_server_incoming_bytes", "Bytes in to the real server.", v -> v.realServers,
                KernelView.IN_BYTES, IpvsLabels.REAL_SERVER);
        counter(registry, "ipvsd_real_server_outgoing_bytes", "Bytes out of the real server (NAT replies).",
                v -> v.realServers, KernelView.OUT_BYTES, IpvsLabels.REAL_SERVER);
        gauge(registry, "ipvsd_real_server_connections_active", "Active connections to the real server.",
                KernelView.ACTIVE);
        gauge(registry, "ipvsd_real_server_connections_inactive", "Inactive connections to the real server.",
                KernelView.INACTIVE);
        gauge(registry, "ipvsd_real_server_weight", "The real server's weight in the kernel.", KernelView.WEIGHT);
        GaugeWithCallback.builder().name("ipvsd_metrics_real_servers_left_out")
                .help("Real servers without series of their own: more than [metrics] max_real_servers were observed.")
                .callback(cb -> cb.call(last.get().realServersLeftOut()))
                .register(registry);
    }

    /** The view of the last observation, built once per observation by the first scrape that needs it. */
    private KernelView view() {
        LastPass pass = last.get();
        KernelView v = view;
        if (v == null || v.source != pass) {
            v = KernelView.of(pass);
            view = v;
        }
        return v;
    }

    private void counter(PrometheusRegistry registry, String name, String help,
                         Function<KernelView, Map<List<String>, long[]>> series, int index, String[] labels) {
        CounterWithCallback.builder().name(name).help(help).labelNames(labels)
                .callback(cb -> series.apply(view()).forEach((l, v) -> cb.call(v[index], l.toArray(String[]::new))))
                .register(registry);
    }

    private void gauge(PrometheusRegistry registry, String name, String help, int index) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(IpvsLabels.REAL_SERVER)
                .callback(cb -> view().realServers.forEach((l, v) -> cb.call(v[index], l.toArray(String[]::new))))
                .register(registry);
    }
}
