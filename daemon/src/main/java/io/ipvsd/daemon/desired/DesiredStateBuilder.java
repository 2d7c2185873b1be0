package io.ipvsd.daemon.desired;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.IpvsTimeouts;
import io.ipvsd.daemon.config.RealServerConfig;
import io.ipvsd.daemon.config.SorryServerConfig;
import io.ipvsd.daemon.config.SyncDaemonConfig;
import io.ipvsd.daemon.config.VirtualServiceConfig;
import io.ipvsd.daemon.health.CheckPolicy;
import io.ipvsd.daemon.health.PoolDecision;
import io.ipvsd.daemon.health.PoolMember;
import io.ipvsd.daemon.health.PoolOutcome;
import io.ipvsd.daemon.health.ServicePool;
import io.ipvsd.daemon.health.Target;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.daemon.plan.DesiredService;
import io.ipvsd.daemon.plan.DesiredState;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.SyncState;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Config plus health results to the state the kernel should hold: which real servers are in each
 * pool and with which weight (keepalived's rules, in {@link PoolDecision}).
 */
public final class DesiredStateBuilder {
    private DesiredStateBuilder() {
    }

    /**
     * The health-check targets the config declares: real servers with a check. One without is up
     * at its configured weight and is not monitored, so 100,000 unchecked real servers cost the
     * monitor, every pass's snapshot and `ipvsctl status` nothing (sorry servers are not checked).
     */
    public static Map<TargetKey, Target> targets(Config config) {
        Map<TargetKey, Target> out = new LinkedHashMap<>();
        for (VirtualServiceConfig s : config.services()) {
            String service = null;
            for (RealServerConfig r : s.reals()) {
                if (r.health().equals(CheckPolicy.none())) {
                    continue;
                }
                service = service != null ? service : KernelTerms.serviceKey(s.key()).toString();
                out.put(new TargetKey(service, r.address(), r.port()), new Target(r.address(), r.port(), r.weight(), r.health()));
            }
        }
        return out;
    }

    /**
     * @param health      the health monitor's snapshot (empty when nothing is checked)
     * @param quorumWasUp the previous outcome's quorum state per service; missing means up
     * @return the desired state and each service's pool outcome (for quorum tracking and notify)
     */
    public static Result build(Config config, Map<TargetKey, TargetStatus> health, Map<ServiceKey, Boolean> quorumWasUp) {
        return build(config, health, quorumWasUp, instance -> false);
    }

    /**
     * @param vrrpMaster whether this node is master of the named VRRP instance now; a sync daemon
     *                   that follows an instance is master exactly then, backup otherwise
     */
    public static Result build(Config config, Map<TargetKey, TargetStatus> health, Map<ServiceKey, Boolean> quorumWasUp,
                               Predicate<String> vrrpMaster) {
        Map<ServiceKey, DesiredService> services = new HashMap<>();
        Map<ServiceKey, PoolOutcome> outcomes = new HashMap<>();
        Map<ServiceKey, ServicePool> pools = new HashMap<>();
        for (VirtualServiceConfig s : config.services()) {
            ServiceKey key = KernelTerms.serviceKey(s.key());
            ServicePool pool = pool(key, s);
            PoolOutcome outcome = PoolDecision.decide(pool, health, quorumWasUp.getOrDefault(key, true));
            pools.put(key, pool);
            outcomes.put(key, outcome);
            services.put(key, service(key, s, outcome));
        }
        SyncDaemonConfig sync = config.syncDaemon();
        boolean follows = sync != null && sync.followInstance() != null;
        return new Result(new DesiredState(services, config.sysctls(), timeouts(config.timeouts()),
                syncDaemon(sync, follows && vrrpMaster.test(sync.followInstance())), config.daemon().exclusive(), follows),
                pools, outcomes);
    }

    /** The desired state, each service's pool and the decision taken on it. */
    public record Result(DesiredState state, Map<ServiceKey, ServicePool> pools, Map<ServiceKey, PoolOutcome> outcomes) {
        public Result {
            pools = Map.copyOf(pools);
            outcomes = Map.copyOf(outcomes); // immutable: those who keep them (metrics) need not copy
        }
    }

    private static ServicePool pool(ServiceKey key, VirtualServiceConfig s) {
        List<PoolMember> reals = s.reals().stream().map(r -> new PoolMember(r.address(), r.port(), r.weight())).toList();
        SorryServerConfig sorry = s.sorryServer();
        PoolMember sorryMember = sorry == null ? null : new PoolMember(sorry.address(), sorry.port(), 1);
        return new ServicePool(key.toString(), reals, s.inhibitOnFailure(), sorryMember, s.quorum(), s.quorumHysteresis());
    }

    private static DesiredService service(ServiceKey key, VirtualServiceConfig s, PoolOutcome outcome) {
        Map<DestinationKey, DestinationSettings> settings = new HashMap<>();
        for (RealServerConfig r : s.reals()) {
            settings.put(new DestinationKey(r.address(), r.port()), new DestinationSettings(KernelTerms.method(r.method()),
                    r.weight(), r.upperThreshold(), r.lowerThreshold(), KernelTerms.tunnel(r.tunnel())));
        }
        DestinationKey sorryKey = null;
        if (s.sorryServer() != null) {
            SorryServerConfig sorry = s.sorryServer();
            sorryKey = new DestinationKey(sorry.address(), sorry.port());
            // A sorry server that is also a real server keeps the real server's settings.
            settings.putIfAbsent(sorryKey, new DestinationSettings(KernelTerms.method(sorry.method()), 1, 0, 0,
                    KernelTerms.tunnel(sorry.tunnel())));
        }
        Map<DestinationKey, DestinationSettings> members = new HashMap<>();
        for (PoolMember m : outcome.members()) {
            DestinationKey d = new DestinationKey(m.address(), m.port());
            DestinationSettings base = settings.get(d);
            members.put(d, new DestinationSettings(base.method(), m.weight(), base.upperThreshold(), base.lowerThreshold(),
                    base.tunnel()));
        }
        Map<DestinationKey, String> evicted = new HashMap<>();
        for (DestinationKey d : settings.keySet()) {
            if (!members.containsKey(d)) {
                evicted.put(d, d.equals(sorryKey) && !isReal(s, d) ? "sorry server no longer needed"
                        : outcome.sorryServerActive() ? "sorry server took over" : "health check failed");
            }
        }
        Duration drain = s.drainTimeout();
        return new DesiredService(key, KernelTerms.serviceSettings(s, key.family()), members, evicted, drain);
    }

    private static boolean isReal(VirtualServiceConfig s, DestinationKey d) {
        return s.reals().stream().anyMatch(r -> r.address().equals(d.address()) && r.port() == d.port());
    }

    private static SyncDaemon syncDaemon(SyncDaemonConfig d, boolean vrrpMaster) {
        if (d == null) {
            return null;
        }
        SyncState state = d.followInstance() == null ? SyncState.valueOf(d.state().name())
                : vrrpMaster ? SyncState.MASTER : SyncState.BACKUP;
        return new SyncDaemon(state, d.interfaceName(), d.syncId(), d.maxLen(),
                d.mcastGroup(), d.mcastPort(), d.mcastTtl());
    }

    private static io.ipvsd.ipvs.Timeouts timeouts(IpvsTimeouts t) {
        if (t == null) {
            return null;
        }
        return new io.ipvsd.ipvs.Timeouts(seconds(t.tcp()), seconds(t.tcpFin()), seconds(t.udp()));
    }

    private static int seconds(Duration d) {
        return d == null ? 0 : (int) d.toSeconds();
    }
}
