package io.ipvsd.daemon.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.daemon.metrics.ManualClock;
import io.ipvsd.daemon.observe.Sysctls;
import io.ipvsd.daemon.plan.Operation;
import io.ipvsd.daemon.state.StateFile;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.testkit.FakeIpvsKernel;
import io.ipvsd.netlink.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's passes with {@code real_servers_per_pass}: 10 services x 2 real servers, 4 read
 * besides those a pass must read, so an idle pass reads 2 services' real servers and a whole
 * cycle takes 5 passes.
 */
class RealServerReadingsTest {
    private static final int SERVICES = 10;
    private static final int SHARE = 4;
    private static final DestinationKey FIRST = new DestinationKey(Endpoints.parseAddress("198.51.100.1"), 80);
    private static final DestinationKey SECOND = new DestinationKey(Endpoints.parseAddress("198.51.100.2"), 80);

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();
    private FakeIpvsKernel kernel;
    private IpvsClient client;
    private Reconciler reconciler;

    @BeforeEach
    void setUp() throws Exception {
        kernel = new FakeIpvsKernel();
        client = IpvsClient.over(new Connection(kernel, Duration.ofSeconds(1)));
        reconciler = new Reconciler(new NetlinkIpvsGateway(client), new Sysctls(dir.resolve("proc")),
                new StateFile(dir.resolve("state")), clock);
    }

    /** SERVICES services, each with real servers FIRST and SECOND (weight {@code secondWeight}). */
    private static String table(int secondWeight) {
        StringBuilder toml = new StringBuilder();
        for (int i = 1; i <= SERVICES; i++) {
            toml.append("""
                    [[service]]
                    protocol = "tcp"
                    address = "192.0.2.%d"
                    port = 80
                      [[service.real]]
                      address = "198.51.100.1"
                      [[service.real]]
                      address = "198.51.100.2"
                      weight = %d
                    """.formatted(i, secondWeight));
        }
        return toml.toString();
    }

    private TickReport pass(String toml, int share) {
        clock.advance(Duration.ofSeconds(5));
        TickReport report = reconciler.reconcile(ReconcilerTest.desired(toml), FirewallGateway.NONE, share);
        assertTrue(report.ok(), report.toString());
        return report;
    }

    private static List<String> rendered(TickReport report) {
        return report.plan().operations().stream().map(Operation::render).toList();
    }

    /** Creates the table, then one pass reads it all back (everything written is read again). */
    private void converge(String toml) {
        assertEquals(SERVICES * 3, pass(toml, SHARE).applied());
        TickReport check = pass(toml, SHARE);
        assertEquals(List.of(), rendered(check));
        assertEquals(SERVICES * 2, check.reads().read());
    }

    private Destination inKernel(ServiceKey service, DestinationKey key) {
        return kernel.destinations(service).stream().filter(d -> d.key().equals(key)).findFirst().orElseThrow();
    }

    private Destination withWeight(Destination d, int weight, long activeConnections) {
        DestinationSettings s = d.settings();
        return new Destination(d.key(), d.family(), new DestinationSettings(s.method(), weight, s.upperThreshold(),
                s.lowerThreshold(), s.tunnel()), activeConnections, 0, 0, d.stats());
    }

    @Test
    void anIdlePassReadsItsShareOldestFirstAndFindsDriftWithinACycle() throws Exception {
        String toml = table(1);
        converge(toml);
        Instant readAllAt = clock.instant();
        TickReport idle = pass(toml, SHARE);
        assertEquals(List.of(), rendered(idle));
        assertEquals(SHARE, idle.reads().read());
        assertEquals(readAllAt, idle.reads().oldest());

        // By hand (ipvsadm -e), behind ipvsd's back: every service's first real server to weight 9.
        for (ServiceKey s : client.services().stream().map(x -> x.key()).toList()) {
            kernel.setDestination(s, withWeight(inKernel(s, FIRST), 9, 0));
        }
        List<Integer> healed = new ArrayList<>();
        for (int i = 0; i < SERVICES * 2 / SHARE; i++) {
            healed.add(pass(toml, SHARE).plan().operations().size());
        }
        // Two services a pass, oldest reading first: the two read just before the change come last.
        assertEquals(List.of(2, 2, 2, 2, 2), healed);
        for (ServiceKey s : client.services().stream().map(x -> x.key()).toList()) {
            assertEquals(1, inKernel(s, FIRST).settings().weight(), s.toString());
        }
        assertEquals(List.of(), rendered(pass(toml, SHARE)));
    }

    @Test
    void aChangeIsPlannedFromAReadingMadeInThatPass() throws Exception {
        converge(table(1));
        pass(table(1), SHARE);
        // By hand: every service loses its second real server. The daemon's readings of 8 of the
        // 10 services still have it; a reload then changes its weight.
        for (ServiceKey s : client.services().stream().map(x -> x.key()).toList()) {
            client.deleteDestination(s, SECOND);
        }
        TickReport reload = pass(table(7), SHARE);
        // Planned from the kernel as it is now: added, not edited (an edit would be refused).
        assertEquals(SERVICES, reload.applied());
        assertTrue(rendered(reload).stream().allMatch(op -> op.startsWith("+   real 198.51.100.2:80 of TCP 192.0.2.")),
                rendered(reload).toString());
        for (ServiceKey s : client.services().stream().map(x -> x.key()).toList()) {
            assertEquals(7, inKernel(s, SECOND).settings().weight(), s.toString());
        }
    }

    @Test
    void aServiceWithADrainingRealServerIsReadEveryPass() throws Exception {
        converge(table(1));
        AddressServiceKey web = new AddressServiceKey(Protocol.TCP, Endpoints.parseAddress("192.0.2.1"), 80);
        kernel.setDestination(web, withWeight(inKernel(web, SECOND), 1, 5));
        // The file drops 192.0.2.1's second real server: it drains (weight 0) while it has connections.
        String dropped = table(1).replaceFirst("\n  \\[\\[service.real]]\n  address = \"198.51.100.2\"\n  weight = 1\n", "\n");
        assertEquals(List.of("~   real 198.51.100.2:80 of TCP 192.0.2.1:80 dr weight 1 -> dr weight 0 (draining, 5 active connections)"),
                rendered(pass(dropped, SHARE)));
        assertEquals(List.of(), rendered(pass(dropped, SHARE)));
        // Its readings are the newest now, so the share would not reach it for 4 passes.
        kernel.setDestination(web, withWeight(inKernel(web, SECOND), 0, 0));
        assertEquals(List.of("-   real 198.51.100.2:80 of TCP 192.0.2.1:80 (drained)"), rendered(pass(dropped, SHARE)));
    }

    @Test
    void aShareOfZeroReadsEveryRealServerEveryPass() {
        String toml = table(1);
        converge(toml);
        TickReport idle = pass(toml, Reconciler.EVERY_REAL_SERVER);
        assertEquals(SERVICES * 2, idle.reads().read());
        assertNull(idle.reads().oldest());
    }
}
