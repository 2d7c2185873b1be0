package io.ipvsd.daemon.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import io.ipvsd.daemon.desired.DesiredStateBuilder;
import io.ipvsd.daemon.observe.Sysctls;
import io.ipvsd.daemon.plan.DesiredService;
import io.ipvsd.daemon.plan.DesiredState;
import io.ipvsd.daemon.state.StateFile;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.Stats;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.SyncState;
import java.util.List;
import io.ipvsd.ipvs.testkit.FakeIpvsKernel;
import io.ipvsd.netlink.Connection;
import io.ipvsd.netlink.Errno;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pass (observe, plan, apply, remember) against the fake IPVS kernel. */
class ReconcilerTest {
    private static final AddressServiceKey WEB = new AddressServiceKey(Protocol.TCP, Endpoints.parseAddress("192.0.2.1"), 80);
    private static final AddressServiceKey FOREIGN = new AddressServiceKey(Protocol.TCP, Endpoints.parseAddress("203.0.113.9"), 22);
    private static final DestinationKey RS1 = new DestinationKey(Endpoints.parseAddress("198.51.100.1"), 80);

    @TempDir
    Path dir;
    private FakeIpvsKernel kernel;
    private IpvsClient client;
    private Reconciler reconciler;

    @BeforeEach
    void setUp() throws Exception {
        kernel = new FakeIpvsKernel();
        client = IpvsClient.over(new Connection(kernel, Duration.ofSeconds(1)));
        Files.createDirectories(dir.resolve("proc/net/ipv4"));
        Files.writeString(dir.resolve("proc/net/ipv4/ip_forward"), "0\n");
        reconciler = new Reconciler(new NetlinkIpvsGateway(client), new Sysctls(dir.resolve("proc")),
                new StateFile(dir.resolve("state")), Clock.fixed(Instant.parse("2026-11-24T06:00:00Z"), ZoneOffset.UTC));
    }

    /** The desired state of a file, all real servers healthy (shared with {@link RealServerReadingsTest}). */
    static DesiredState desired(String toml) {
        LoadResult r = ConfigLoader.parse(toml, "t.toml");
        if (r instanceof LoadResult.Failed f) {
            throw new AssertionError(f.errors().toString());
        }
        return DesiredStateBuilder.build(((LoadResult.Loaded) r).config(), Map.of(), Map.of()).state();
    }

    private static final String TWO_SERVICES = """
            [sysctl]
            "net.ipv4.ip_forward" = 1
            [[service]]
            protocol = "tcp"
            address = "192.0.2.1"
            port = 80
            scheduler = "rr"
              [[service.real]]
              address = "198.51.100.1"
              weight = 5
              [[service.real]]
              address = "198.51.100.2"
            [[service]]
            protocol = "udp"
            address = "192.0.2.53"
            port = 53
              [[service.real]]
              address = "198.51.100.1"
              method = "nat"
            """;

    /**
     * Issue 9, item 7: a foreign service with a real server of a tunnel type ipvsd does not know,
     * and one of a protocol it does not model, are reported and left alone; ipvsd's own services
     * are reconciled (before, the strict dump failed every pass).
     */
    @Test
    void foreignServicesThatCannotBeReadDoNotBlindThePass() throws Exception {
        DestinationKey odd = new DestinationKey(Endpoints.parseAddress("198.51.100.9"), 0);
        client.addService(FOREIGN, new ServiceSettings("wlc", 0, 0, 0xffffffffL, null));
        client.addDestination(FOREIGN, odd, new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, null));
        kernel.setRawTunnelType(odd, 7);
        kernel.addServiceOfProtocol(1, new Service(new AddressServiceKey(Protocol.TCP, Endpoints.parseAddress("203.0.113.7"), 0),
                new ServiceSettings("rr", 0, 0, 0xffffffffL, null), Stats.ZERO));
        TickReport report = reconciler.reconcile(desired(TWO_SERVICES), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
        assertTrue(report.ok(), report.toString());
        assertEquals(6, report.applied(), report.plan().render());
        assertEquals(List.of(
                        "protocol 1 203.0.113.7:0: service > service attributes: unknown IPVS protocol 1",
                        "TCP 203.0.113.9:22: destination > destination attributes: unknown tunnel type 7"),
                report.unread().stream().map(u -> u.what() + ": " + u.reason()).toList());
        assertEquals(1, kernel.destinations(FOREIGN).size(), "the foreign service is untouched");
        assertTrue(reconciler.reconcile(desired(TWO_SERVICES), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER).plan().isEmpty());
    }

    /** Issue 9, item 6: a real server the kernel would refuse is not planned; the rest of the pass applies. */
    @Test
    void anInvalidChangeIsReportedAndTheRestApplies() {
        DesiredState d = desired(TWO_SERVICES);
        DesiredService web = d.services().get(WEB);
        Map<DestinationKey, DestinationSettings> reals = new HashMap<>(web.destinations());
        reals.put(RS1, new DestinationSettings(ForwardingMethod.ROUTE, 1, 10, 20, null));
        Map<ServiceKey, DesiredService> services = new HashMap<>(d.services());
        services.put(WEB, new DesiredService(WEB, web.settings(), reals, web.evicted(), web.drainTimeout()));
        TickReport report = reconciler.reconcile(new DesiredState(services, d.sysctls(), d.timeouts(), d.syncDaemon(),
                d.exclusive()), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
        assertEquals(List.of("not planned: destination 198.51.100.1:80 of TCP 192.0.2.1:80: lower threshold 20 is above "
                + "upper threshold 10"), report.failures().stream().map(Object::toString).toList());
        assertNull(report.error());
        assertEquals(5, report.applied(), report.plan().render());
        assertEquals(2, kernel.services().size());
    }

    @Test
    void convergesThenAnIdleTickWritesNothing() throws Exception {
        client.addService(FOREIGN, new ServiceSettings("wlc", 0, 0, 0xffffffffL, null));
        TickReport first = reconciler.reconcile(desired(TWO_SERVICES), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
        assertTrue(first.ok(), first.toString());
        assertEquals(6, first.applied(), first.plan().render());
        assertEquals("1\n", Files.readString(dir.resolve("proc/net/ipv4/ip_forward")));
        assertEquals(3, client.services().size());
        assertEquals(new DestinationSettings(ForwardingMethod.ROUTE, 5, 0, 0, null),
                client.destinations(WEB).stream().filter(d -> d.key().equals(RS1)).findFirst().orElseThrow().settings());

        kernel.resetWriteCount();
        TickReport idle = reconciler.reconcile(desired(TWO_SERVICES), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
        assertTrue(idle.plan().isEmpty(), idle.plan().render());
        assertEquals(0, kernel.writeCount());
        // The read of the kernel is part of the pass, and all an idle pass does besides planning.
        assertTrue(idle.reading().compareTo(Duration.ZERO) > 0 && idle.reading().compareTo(idle.duration()) <= 0,
                idle.reading() + " of " + idle.duration());
    }

    @Test
    void driftIsHealedAndForeignServicesSurvive() throws Exception {
        client.addService(FOREIGN, new ServiceSettings("wlc", 0, 0, 0xffffffffL, null));
        reconciler.reconcile(desired(TWO_SERVICES), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
        // What an operator might do by hand: ipvsadm -d, ipvsadm -e, and deleting a whole service.
        client.deleteDestination(WEB, RS1);
        client.editService(WEB, new ServiceSettings("wlc", 0, 0, 0xffffffffL, null));
        client.deleteService(new AddressServiceKey(Protocol.UDP, Endpoints.parseAddress("192.0.2.53"), 53));
        TickReport heal = reconciler.reconcile(desired(TWO_SERVICES), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
        assertEquals("""
                ~ service TCP 192.0.2.1:80 wlc -> rr
                +   real 198.51.100.1:80 of TCP 192.0.2.1:80 dr weight 5
                + service UDP 192.0.2.53:53 wlc
                +   real 198.51.100.1:53 of UDP 192.0.2.53:53 nat weight 1""", heal.plan().render());
        assertTrue(heal.ok());
        assertTrue(client.service(FOREIGN).isPresent());
        assertTrue(reconciler.reconcile(desired(TWO_SERVICES), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER).plan().isEmpty());
    }

    @Test
    void aServiceLeavingTheConfigIsDeletedAndForgotten() throws Exception {
        reconciler.reconcile(desired(TWO_SERVICES), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
        String onlyUdp = TWO_SERVICES.substring(TWO_SERVICES.indexOf("[[service]]\nprotocol = \"udp\""));
        TickReport r = reconciler.reconcile(desired(onlyUdp), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
        assertEquals("- service TCP 192.0.2.1:80", r.plan().render());
        assertTrue(client.service(WEB).isEmpty());
        // Next pass sees it gone and drops it from the record; it would not be touched again.
        reconciler.reconcile(desired(onlyUdp), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
        assertEquals(1, new StateFile(dir.resolve("state")).load().services().size());
    }

    @Test
    void aRefusedOperationIsReportedAndRetriedNextPass() throws Exception {
        kernel.failWhen(req -> req.toString().contains("198.51.100.2"), Errno.ENOMEM);
        TickReport r = reconciler.reconcile(desired(TWO_SERVICES), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
        assertEquals(1, r.failures().size(), r.failures().toString());
        assertTrue(r.failures().get(0).toString().contains("ENOMEM"), r.failures().toString());
        assertNull(r.error());
        kernel.clearFailures();
        TickReport retry = reconciler.reconcile(desired(TWO_SERVICES), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
        assertEquals("+   real 198.51.100.2:80 of TCP 192.0.2.1:80 dr weight 1", retry.plan().render());
        assertTrue(retry.ok());
    }

    @Test
    void planIsADryRun() throws Exception {
        kernel.resetWriteCount();
        assertEquals(6, reconciler.plan(desired(TWO_SERVICES), FirewallGateway.NONE).operations().size());
        assertEquals(0, kernel.writeCount());
        assertEquals("0\n", Files.readString(dir.resolve("proc/net/ipv4/ip_forward")));
        assertTrue(Files.notExists(dir.resolve("state/state.json")));
    }

    @Test
    void theSyncDaemonIsStartedOnceAndThenLeftRunning() throws Exception {
        String toml = TWO_SERVICES + """
                [ipvs.sync_daemon]
                state = "master"
                interface = "lo"
                syncid = 9
                """;
        TickReport first = reconciler.reconcile(desired(toml), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER);
        assertTrue(first.ok(), first.toString());
        assertEquals(List.of(SyncDaemon.of(SyncState.MASTER, "lo", 9).syncId()),
                client.syncDaemons().stream().map(SyncDaemon::syncId).toList());
        kernel.resetWriteCount();
        assertTrue(reconciler.reconcile(desired(toml), FirewallGateway.NONE, Reconciler.EVERY_REAL_SERVER).plan().isEmpty());
        assertEquals(0, kernel.writeCount());
    }
}
