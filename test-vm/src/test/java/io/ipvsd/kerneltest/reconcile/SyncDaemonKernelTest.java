package io.ipvsd.kerneltest.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.daemon.observe.Sysctls;
import io.ipvsd.daemon.plan.DesiredState;
import io.ipvsd.daemon.reconcile.FirewallGateway;
import io.ipvsd.daemon.reconcile.NetlinkIpvsGateway;
import io.ipvsd.daemon.reconcile.Reconciler;
import io.ipvsd.daemon.reconcile.TickReport;
import io.ipvsd.daemon.state.StateFile;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.SyncState;
import io.ipvsd.kerneltest.FreshNetns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sync daemon through the reconciler on the real kernel: the kernel reports its defaults for
 * what the config leaves out, and those must count as matching, or every pass would restart it.
 */
@Tag("kernel")
class SyncDaemonKernelTest {
    @RegisterExtension
    final FreshNetns netns = new FreshNetns();

    @Test
    void startedKeptAndRestartedAfterAStopByHand() throws Exception {
        Path stateDir = Files.createTempDirectory("ipvsd-sync-state");
        DesiredState desired = new DesiredState(Map.of(), Map.of(), null, SyncDaemon.of(SyncState.MASTER, "lo", 5), false);
        try (IpvsClient client = IpvsClient.open(netns.path())) {
            Reconciler reconciler = new Reconciler(new NetlinkIpvsGateway(client), new Sysctls(stateDir),
                    new StateFile(stateDir), Clock.systemUTC());
            TickReport start = reconciler.reconcile(desired, FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
            assertTrue(start.ok(), start.failures() + " " + start.error());
            assertEquals("+ sync daemon master lo syncid 5", start.plan().render());
            assertTrue(daemons().contains("master sync daemon (mcast=lo, syncid=5, "), daemons());

            TickReport idle = reconciler.reconcile(desired, FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
            assertTrue(idle.plan().isEmpty(), idle.plan().render());

            netns.exec("ipvsadm", "--stop-daemon", "master").assertSuccess();
            TickReport heal = reconciler.reconcile(desired, FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
            assertEquals("+ sync daemon master lo syncid 5", heal.plan().render());
            assertTrue(daemons().contains("master sync daemon (mcast=lo, syncid=5, "), daemons());
        }
    }

    private String daemons() {
        return netns.exec("ipvsadm", "-L", "--daemon").assertSuccess().stdout();
    }
}
