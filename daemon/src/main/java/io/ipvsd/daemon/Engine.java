package io.ipvsd.daemon;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.desired.DesiredStateBuilder;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.daemon.observe.Sysctls;
import io.ipvsd.daemon.plan.Plan;
import io.ipvsd.daemon.reconcile.FirewallGateway;
import io.ipvsd.daemon.reconcile.NetlinkIpvsGateway;
import io.ipvsd.daemon.reconcile.Reconciler;
import io.ipvsd.daemon.reconcile.TickReport;
import io.ipvsd.daemon.state.StateFile;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.ServiceKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The kernel-facing half of ipvsd, shared by the daemon's ticks and `ipvsctl plan/apply`: one
 * IPVS client, the firewall, and the reconciler over them.
 */
public final class Engine implements AutoCloseable {
    private final IpvsClient ipvs;
    private final Firewall firewall;
    private final Reconciler reconciler;

    private Engine(IpvsClient ipvs, Firewall firewall, Reconciler reconciler) {
        this.ipvs = ipvs;
        this.firewall = firewall;
        this.reconciler = reconciler;
    }

    /** Opens the kernel interfaces in this process's network namespace. */
    public static Engine open(Config config) throws IOException {
        IpvsClient ipvs = IpvsClient.open();
        try {
            Firewall firewall = Firewall.open();
            Reconciler reconciler = new Reconciler(new NetlinkIpvsGateway(ipvs), Sysctls.proc(),
                    new StateFile(config.daemon().stateDir()), Clock.systemUTC());
            return new Engine(ipvs, firewall, reconciler);
        } catch (IOException | RuntimeException e) {
            ipvs.close();
            throw e;
        }
    }

    public Plan plan(Config config, Map<TargetKey, TargetStatus> health) throws IOException {
        FirewallGateway fw;
        try {
            fw = firewall.gateway(config);
        } catch (IllegalArgumentException e) {
            throw new IOException("firewall rules: " + e.getMessage(), e);
        }
        return reconciler.plan(DesiredStateBuilder.build(config, health, Map.of()).state(), fw);
    }

    public TickReport reconcile(Config config, Map<TargetKey, TargetStatus> health, Map<ServiceKey, Boolean> quorum) {
        return reconcile(DesiredStateBuilder.build(config, health, quorum), config);
    }

    public TickReport reconcile(DesiredStateBuilder.Result desired, Config config) {
        FirewallGateway fw;
        try {
            fw = firewall.gateway(config);
        } catch (IllegalArgumentException e) {
            // The config layer validates what nft-bridge checks again; should they ever disagree,
            // the pass reports it instead of the daemon dying.
            return new TickReport(Instant.now(), Duration.ZERO, null, 0, List.of(), "firewall rules: " + e.getMessage());
        }
        return reconciler.reconcile(desired.state(), fw);
    }

    @Override
    public void close() {
        firewall.close();
        ipvs.close();
    }
}
