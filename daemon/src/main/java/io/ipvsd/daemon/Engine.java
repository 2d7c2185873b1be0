package io.ipvsd.daemon;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.desired.DesiredStateBuilder;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.daemon.observe.Sysctls;
import io.ipvsd.daemon.plan.Plan;
import io.ipvsd.daemon.reconcile.AbsentIpvsGateway;
import io.ipvsd.daemon.reconcile.FirewallGateway;
import io.ipvsd.daemon.reconcile.IpvsGateway;
import io.ipvsd.daemon.reconcile.NetlinkIpvsGateway;
import io.ipvsd.daemon.reconcile.Reconciler;
import io.ipvsd.daemon.reconcile.TickReport;
import io.ipvsd.daemon.state.StateFile;
import io.ipvsd.genl.FamilyNotFoundException;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.nft.NftClient;
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
    /** null on a kernel without IPVS. */
    private final IpvsClient ipvs;
    private final Firewall firewall;
    private final Reconciler reconciler;

    private Engine(IpvsClient ipvs, Firewall firewall, Reconciler reconciler) {
        this.ipvs = ipvs;
        this.firewall = firewall;
        this.reconciler = reconciler;
    }

    /**
     * Opens the kernel interfaces in this process's network namespace. A kernel without IPVS is
     * refused unless the file needs none (no services, timeouts or sync daemon: a VIP holder).
     */
    public static Engine open(Config config) throws IOException {
        IpvsClient ipvs = null;
        IpvsGateway gateway;
        try {
            ipvs = IpvsClient.open();
            gateway = new NetlinkIpvsGateway(ipvs);
        } catch (FamilyNotFoundException e) {
            if (needsIpvs(config)) {
                throw e;
            }
            gateway = new AbsentIpvsGateway(e.getMessage());
        }
        try {
            Firewall firewall = Firewall.open();
            Reconciler reconciler = new Reconciler(gateway, Sysctls.proc(), new StateFile(config.daemon().stateDir()),
                    Clock.systemUTC());
            return new Engine(ipvs, firewall, reconciler);
        } catch (IOException | RuntimeException e) {
            if (ipvs != null) {
                ipvs.close();
            }
            throw e;
        }
    }

    /** Over given clients (a test's fake kernels); the engine closes them. */
    static Engine over(IpvsClient ipvs, NftClient nft, Reconciler reconciler) {
        return new Engine(ipvs, new Firewall(nft), reconciler);
    }

    private static boolean needsIpvs(Config config) {
        return !config.services().isEmpty() || config.timeouts() != null || config.syncDaemon() != null;
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
        return reconciler.reconcile(desired.state(), fw, config.daemon().realServersPerPass());
    }

    @Override
    public void close() {
        firewall.close();
        if (ipvs != null) {
            ipvs.close();
        }
    }
}
