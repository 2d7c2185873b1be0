package io.ipvsd.daemon.metrics;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.RealServerConfig;
import io.ipvsd.daemon.config.VirtualServiceConfig;
import io.ipvsd.daemon.desired.DesiredStateBuilder;
import io.ipvsd.daemon.desired.KernelTerms;
import io.ipvsd.daemon.health.CheckObserver;
import io.ipvsd.daemon.health.HealthChange;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.daemon.plan.ObservedServices;
import io.ipvsd.daemon.reconcile.TickReport;
import io.ipvsd.daemon.vrrp.runtime.InstanceStatus;
import io.ipvsd.ipvs.ServiceKey;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon tells its metrics, and the registry /metrics serves. The loop reports each pass
 * and load here; everything a scrape reads was recorded by a pass or is held in memory by the
 * health checks and VRRP, so a scrape never asks the kernel. The loop's counters are recorded
 * whether or not the HTTP listener is on; the series of services and real servers only while it
 * is, since at 10,000 x 10 building their labels and views is real work that nothing would read.
 */
public final class DaemonMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonMetrics.class);
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Clock clock;
    private final LoopMetrics loop;
    private final HealthMetrics health;
    private final Healthz healthz;
    private volatile LastPass last = LastPass.NONE;
    /** The generation of the file that {@link #names} and {@link #byText} were made from. */
    private long retainedFor = -1;
    private Map<ServiceKey, String> names = Map.of();
    private Map<String, ServiceKey> byText = Map.of();
    private volatile MetricsServer server;

    /**
     * @param interval the current [daemon] interval (it may change on reload)
     * @param health   the health checks' current view (an in-memory copy)
     * @param vrrp     the VRRP instances' current status (empty without VRRP)
     */
    public DaemonMetrics(Clock clock, String version, Supplier<Duration> interval,
                         Supplier<Map<TargetKey, TargetStatus>> health, Supplier<List<InstanceStatus>> vrrp) {
        this.clock = clock;
        this.loop = new LoopMetrics(registry, version);
        this.health = new HealthMetrics(() -> last, health, registry);
        new KernelMetrics(() -> last, registry);
        new VrrpMetrics(vrrp, registry);
        this.healthz = new Healthz(clock, interval);
    }

    /** Starts the HTTP listener; returns the address it is bound to (the port when 0 was asked). */
    public InetSocketAddress serve(InetSocketAddress listen) throws IOException {
        server = MetricsServer.start(listen, registry, healthz);
        return server.address();
    }

    /** Told every completed health check. */
    public CheckObserver checks() {
        return health;
    }

    /** A pass that ran the reconcile, with the desired state it reconciled to and the file behind it. */
    public void passed(TickReport report, DesiredStateBuilder.Result desired, Config config, long generation) {
        if (server != null) {
            recordTables(report, desired, config, generation);
        }
        loop.passed(report, desired.state(), generation, clock.instant());
        if (report.error() == null) {
            healthz.passCompleted(clock.instant());
        } else {
            healthz.passFailed(report.error());
        }
    }

    /** The kernel's table as /metrics shows it: labels named from the file, the pass's observation. */
    private void recordTables(TickReport report, DesiredStateBuilder.Result desired, Config config, long generation) {
        if (generation != retainedFor) {
            // What depends on the file alone is made once per file, not once per pass.
            retainedFor = generation;
            Map<ServiceKey, String> named = new HashMap<>();
            Map<String, ServiceKey> keyed = new HashMap<>();
            Set<List<String>> realServers = new HashSet<>();
            for (VirtualServiceConfig s : config.services()) {
                ServiceKey key = KernelTerms.serviceKey(s.key());
                keyed.put(key.toString(), key);
                if (s.name() != null) {
                    named.put(key, s.name());
                }
                String name = s.name() == null ? "" : s.name();
                for (RealServerConfig r : s.reals()) {
                    realServers.add(IpvsLabels.realServer(key, name, r.address(), r.port()));
                }
            }
            names = Map.copyOf(named);
            byText = Map.copyOf(keyed);
            health.retain(realServers);
        }
        LastPass previous = last;
        ObservedServices observed = report.observed() != null ? report.observed() : previous.observed();
        int realServers = observed.services().values().stream().mapToInt(s -> s.destinations().size()).sum();
        int leftOut = realServers > config.metrics().maxRealServers() ? realServers : 0;
        if ((leftOut > 0) != (previous.realServersLeftOut() > 0)) {
            if (leftOut > 0) {
                health.retain(Set.of());
                LOG.warn("metrics: {} real servers are more than [metrics] max_real_servers = {}: /metrics leaves"
                        + " out the series of each real server", realServers, config.metrics().maxRealServers());
            } else {
                LOG.info("metrics: {} real servers: /metrics has the series of each real server again", realServers);
            }
        }
        last = new LastPass(observed, names, byText, desired.outcomes(), leftOut);
    }

    /** A pass that ended on an exception of ipvsd's own. */
    public void passFailed(String error) {
        loop.passFailed();
        healthz.passFailed(error);
    }

    /** The file was loaded and applied (at start or by a reload). */
    public void loaded(long generation) {
        loop.loaded(generation, clock.instant());
    }

    /** A reload that was rejected (errors) or waits for a confirmation of removals. */
    public void rejected() {
        loop.rejected();
    }

    public void healthChanged(HealthChange change) {
        health.changed(change);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
