package io.ipvsd.kerneltest.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.daemon.observe.Sysctls;
import io.ipvsd.daemon.plan.DesiredService;
import io.ipvsd.daemon.plan.DesiredState;
import io.ipvsd.daemon.reconcile.FirewallGateway;
import io.ipvsd.daemon.reconcile.NetlinkIpvsGateway;
import io.ipvsd.daemon.reconcile.Reconciler;
import io.ipvsd.daemon.reconcile.TickReport;
import io.ipvsd.daemon.state.StateFile;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.kerneltest.FreshNetns;
import io.ipvsd.kerneltest.ipvs.Ipvsadm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Not a timed assertion: prints what a whole reconcile pass costs at 1,000 services x 10 real
 * servers (the scale where kube-proxy's per-service round trips took seconds, kubernetes#84906)
 * next to ipvsadm-restore of the same table, in the same VM and run. Also written to
 * $IPVSD_VM_OUT/reconcile-benchmark.txt.
 */
@Tag("kernel")
class ReconcileBenchmarkKernelTest {
    private static final int SERVICES = 1000;
    private static final int REALS = 10;

    @RegisterExtension
    final FreshNetns ours = new FreshNetns();

    @RegisterExtension
    final FreshNetns theirs = new FreshNetns();

    @Test
    void fullAndIdlePassesNextToIpvsadmRestore() throws Exception {
        ServiceSettings wlc = new ServiceSettings("wlc", 0, 0, 0xffffffffL, null);
        Map<ServiceKey, DesiredService> services = new HashMap<>();
        List<String> rules = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            String vip = "10.7." + (s / 250) + "." + (s % 250 + 1);
            AddressServiceKey key = new AddressServiceKey(Protocol.TCP, Endpoints.parseAddress(vip), 80);
            rules.add("-A -t " + vip + ":80 -s wlc");
            Map<DestinationKey, DestinationSettings> reals = new HashMap<>();
            for (int r = 1; r <= REALS; r++) {
                String real = "10.8." + (s / 250) + "." + (s % 250 + 1);
                reals.put(new DestinationKey(Endpoints.parseAddress(real), 8000 + r),
                        new DestinationSettings(ForwardingMethod.MASQ, r, 0, 0, null));
                rules.add("-a -t " + vip + ":80 -r " + real + ":" + (8000 + r) + " -m -w " + r);
            }
            services.put(key, new DesiredService(key, wlc, reals, Map.of(), Duration.ofSeconds(60)));
        }
        DesiredState desired = new DesiredState(services, Map.of(), null, null, false);
        StringBuilder report = new StringBuilder();

        long t0 = System.nanoTime();
        Ipvsadm.restore(theirs, rules);
        report.append(line("ipvsadm-restore of 1,000 services x 10 real servers", System.nanoTime() - t0));

        Path stateDir = Files.createTempDirectory("ipvsd-bench-state");
        try (IpvsClient client = IpvsClient.open(ours.path())) {
            Reconciler reconciler = new Reconciler(new NetlinkIpvsGateway(client), new Sysctls(stateDir),
                    new StateFile(stateDir), Clock.systemUTC());
            TickReport first = reconciler.reconcile(desired, FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
            assertTrue(first.ok(), String.valueOf(first.error()) + first.failures());
            assertEquals(SERVICES * (REALS + 1), first.applied());
            report.append(line("ipvsd pass from empty (observe + plan + 11,000 pipelined ops)", first.duration().toNanos()));
            assertEquals(Ipvsadm.save(theirs), Ipvsadm.save(ours));

            for (int i = 1; i <= 3; i++) {
                TickReport idle = reconciler.reconcile(desired, FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
                assertTrue(idle.plan().isEmpty(), idle.plan().render());
                report.append(line("ipvsd idle pass " + i + " (1 service dump + 1,000 destination dumps, no writes)",
                        idle.duration().toNanos()));
            }

            ours.exec("ipvsadm", "-e", "-t", "10.7.0.1:80", "-r", "10.8.0.1:8001", "-m", "-w", "9").assertSuccess();
            TickReport heal = reconciler.reconcile(desired, FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
            assertEquals(1, heal.applied(), heal.plan().render());
            report.append(line("ipvsd pass healing one changed weight", heal.duration().toNanos()));
        }
        System.out.print(report);
        String out = System.getenv("IPVSD_VM_OUT");
        if (out != null) {
            Files.writeString(Path.of(out, "reconcile-benchmark.txt"), report);
        }
    }

    private static String line(String what, long nanos) {
        return String.format(Locale.ROOT, "reconcile-benchmark: %-80s %8.1f ms%n", what, nanos / 1e6);
    }
}
