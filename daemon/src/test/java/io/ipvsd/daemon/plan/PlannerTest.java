package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.Timeouts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.daemon.state.OwnedState;
import io.ipvsd.daemon.state.OwnedState.Draining;
import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.IpvsOp;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceFlags;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.Stats;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.SyncState;
import io.ipvsd.ipvs.Tunnel;
import io.ipvsd.ipvs.TunnelType;
import io.ipvsd.ipvs.UnreadService;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");
    private static final ServiceKey WEB = new AddressServiceKey(Protocol.TCP, ip("192.0.2.10"), 80);
    private static final ServiceKey DNS = new AddressServiceKey(Protocol.UDP, ip("192.0.2.53"), 53);
    private static final ServiceKey FWM = new FwmarkServiceKey(AddressFamily.INET, 1);
    private static final ServiceKey FOREIGN = new AddressServiceKey(Protocol.TCP, ip("203.0.113.9"), 22);
    private static final DestinationKey RS1 = new DestinationKey(ip("198.51.100.11"), 80);
    private static final DestinationKey RS2 = new DestinationKey(ip("198.51.100.12"), 80);
    private static final ServiceSettings WLC = new ServiceSettings("wlc", 0, 0, 0xffffffffL, null);
    private static final ServiceSettings PERSIST = new ServiceSettings("wlc", ServiceFlags.PERSISTENT, 600, 0xffffffffL, null);
    private static final DestinationSettings DR1 = dr(1);

    private static java.net.InetAddress ip(String s) {
        return Endpoints.parseAddress(s);
    }

    private static DestinationSettings dr(int weight) {
        return new DestinationSettings(ForwardingMethod.ROUTE, weight, 0, 0, null);
    }

    private static DesiredService want(ServiceKey key, ServiceSettings s, Map<DestinationKey, DestinationSettings> d) {
        return new DesiredService(key, s, d, Map.of(), Duration.ofSeconds(300));
    }

    private static DesiredState desired(boolean exclusive, DesiredService... services) {
        Map<ServiceKey, DesiredService> m = new HashMap<>();
        for (DesiredService s : services) {
            m.put(s.key(), s);
        }
        return new DesiredState(m, Map.of(), null, null, exclusive);
    }

    private static ObservedService have(ServiceKey key, ServiceSettings s, Destination... dests) {
        Map<DestinationKey, Destination> m = new HashMap<>();
        for (Destination d : dests) {
            m.put(d.key(), d);
        }
        return new ObservedService(new Service(key, s, Stats.ZERO), m);
    }

    private static Destination dest(DestinationKey key, DestinationSettings s, long active) {
        return new Destination(key, AddressFamily.INET, s, active, 0, 0, Stats.ZERO);
    }

    private static ObservedState observed(ObservedService... services) {
        Map<ServiceKey, ObservedService> m = new HashMap<>();
        for (ObservedService s : services) {
            m.put(s.service().key(), s);
        }
        return new ObservedState(m, Map.of(), null, List.of());
    }

    private static Plan plan(DesiredState d, ObservedState o, OwnedState owned) {
        return Planner.plan(d, o, owned, NOW, null);
    }

    @Test
    void anEmptyKernelGetsEveryServiceAndRealServer() {
        Plan p = plan(desired(false, want(WEB, PERSIST, Map.of(RS2, DR1, RS1, DR1))), observed(), OwnedState.EMPTY);
        assertEquals("""
                + service TCP 192.0.2.10:80 wlc persistent 600 mask 255.255.255.255
                +   real 198.51.100.11:80 of TCP 192.0.2.10:80 dr weight 1
                +   real 198.51.100.12:80 of TCP 192.0.2.10:80 dr weight 1""", p.render());
        assertEquals(Set.of(WEB), p.nextOwned().services());
    }

    @Test
    void aMatchingKernelNeedsNoChange() {
        Plan p = plan(desired(false, want(WEB, WLC, Map.of(RS1, DR1))), observed(have(WEB, WLC, dest(RS1, DR1, 5))),
                new OwnedState(Set.of(WEB), Map.of()));
        assertTrue(p.isEmpty(), p.render());
        assertEquals("No changes: the kernel matches the configuration.", p.render());
    }

    @Test
    void settingsAreEditedInPlaceNotRecreated() {
        ServiceSettings rr = new ServiceSettings("rr", 0, 0, 0xffffffffL, null);
        Plan p = plan(desired(false, want(WEB, PERSIST, Map.of(RS1, dr(5)))),
                observed(have(WEB, rr, dest(RS1, new DestinationSettings(ForwardingMethod.MASQ, 1, 0, 0, null), 0))),
                OwnedState.EMPTY);
        assertEquals(List.of(change(new IpvsOp.EditService(WEB, rr, PERSIST)),
                change(new IpvsOp.EditDestination(WEB, RS1, new DestinationSettings(ForwardingMethod.MASQ, 1, 0, 0, null), dr(5), null))),
                p.operations());
        assertEquals("~   real 198.51.100.11:80 of TCP 192.0.2.10:80 nat weight 1 -> dr weight 5", p.operations().get(1).render());
    }

    @Test
    void foreignServicesAreLeftAloneButOwnedOnesThatLeftTheConfigAreDeleted() {
        ServiceKey old = new AddressServiceKey(Protocol.TCP, ip("192.0.2.20"), 443);
        Plan p = plan(desired(false, want(WEB, WLC, Map.of())),
                observed(have(WEB, WLC), have(FOREIGN, WLC), have(old, WLC)),
                new OwnedState(Set.of(WEB, old), Map.of()));
        assertEquals(List.of(change(new IpvsOp.DeleteService(old))), p.operations());
        // Kept in the record until a later observation shows it gone.
        assertEquals(Set.of(WEB, old), p.nextOwned().services());
    }

    @Test
    void anOwnedServiceAlreadyGoneLeavesTheRecord() {
        ServiceKey old = new AddressServiceKey(Protocol.TCP, ip("192.0.2.20"), 443);
        Plan p = plan(desired(false), observed(), new OwnedState(Set.of(old), Map.of()));
        assertTrue(p.isEmpty());
        assertEquals(Set.of(), p.nextOwned().services());
    }

    @Test
    void exclusiveModeDeletesUndeclaredServices() {
        Plan p = plan(desired(true, want(WEB, WLC, Map.of())), observed(have(WEB, WLC), have(FOREIGN, WLC)), OwnedState.EMPTY);
        assertEquals(List.of(change(new IpvsOp.DeleteService(FOREIGN))), p.operations());
    }

    /** Issue 9, item 6: a change the kernel would refuse is not planned, and the others are. */
    @Test
    void anInvalidChangeIsNotPlannedAndTheRestIs() {
        ServiceKey bad = new AddressServiceKey(Protocol.TCP, ip("192.0.2.11"), 80);
        DestinationSettings lowAboveHigh = new DestinationSettings(ForwardingMethod.ROUTE, 1, 10, 20, null);
        Plan p = plan(desired(false, want(WEB, WLC, Map.of(RS1, DR1, RS2, lowAboveHigh)),
                want(bad, new ServiceSettings("a-scheduler-name-too-long", 0, 0, 0xffffffffL, null), Map.of(RS1, DR1))),
                observed(), OwnedState.EMPTY);
        assertEquals("""
                + service TCP 192.0.2.10:80 wlc
                +   real 198.51.100.11:80 of TCP 192.0.2.10:80 dr weight 1
                ! not planned: destination 198.51.100.12:80 of TCP 192.0.2.10:80: lower threshold 20 is above upper threshold 10
                ! not planned: scheduler name "a-scheduler-name-too-long" is not 1..15 printable ASCII characters""",
                p.render());
        assertEquals(2, p.notPlanned().size());
    }

    /** Issue 9, item 7: a service that cannot be read fully is never edited; deleted by its key when owned. */
    @Test
    void anUnreadServiceIsLeftAloneUnlessOwned() {
        UnreadService odd = new UnreadService(FOREIGN, FOREIGN.toString(), "destination attributes: unknown tunnel type 7");
        UnreadService otherProtocol = new UnreadService(null, "protocol 1 203.0.113.9:0", "unknown IPVS protocol 1");
        ObservedState o = new ObservedState(Map.of(), Map.of(), null, List.of(), List.of(odd, otherProtocol));
        Plan p = plan(desired(false, want(WEB, WLC, Map.of())), o, OwnedState.EMPTY);
        assertEquals(List.of(change(new IpvsOp.AddService(WEB, WLC))), p.operations());
        assertEquals(List.of(change(new IpvsOp.DeleteService(FOREIGN))),
                plan(desired(false), o, new OwnedState(Set.of(FOREIGN), Map.of())).operations());
        Plan declared = plan(desired(false, want(FOREIGN, WLC, Map.of())), o, OwnedState.EMPTY);
        assertTrue(declared.isEmpty());
        assertEquals(List.of("service TCP 203.0.113.9:22: the kernel's copy cannot be read fully "
                + "(destination attributes: unknown tunnel type 7)"), declared.notPlanned());
    }

    @Test
    void aRemovedRealServerWithConnectionsIsQuiescedAndRemembered() {
        Plan p = plan(desired(false, want(WEB, WLC, Map.of(RS1, DR1))),
                observed(have(WEB, WLC, dest(RS1, DR1, 0), dest(RS2, dr(3), 7))), new OwnedState(Set.of(WEB), Map.of()));
        assertEquals(List.of(change(new IpvsOp.EditDestination(WEB, RS2, dr(3), dr(0), "draining, 7 active connections"))), p.operations());
        assertEquals(Map.of(new Draining(WEB, RS2), NOW), p.nextOwned().draining());
    }

    @Test
    void aDrainingServerIsDeletedWhenItsConnectionsAreGone() {
        OwnedState owned = new OwnedState(Set.of(WEB), Map.of(new Draining(WEB, RS2), NOW.minusSeconds(10)));
        Plan p = plan(desired(false, want(WEB, WLC, Map.of())), observed(have(WEB, WLC, dest(RS2, dr(0), 0))), owned);
        assertEquals(List.of(change(new IpvsOp.DeleteDestination(WEB, RS2, "drained"))), p.operations());
        assertEquals(Map.of(), p.nextOwned().draining());
    }

    @Test
    void aDrainingServerIsKeptUntilItsTimeoutThenCut() {
        Draining d = new Draining(WEB, RS2);
        ObservedState o = observed(have(WEB, WLC, dest(RS2, dr(0), 4)));
        Plan waiting = plan(desired(false, want(WEB, WLC, Map.of())), o, new OwnedState(Set.of(WEB), Map.of(d, NOW.minusSeconds(299))));
        assertTrue(waiting.isEmpty(), waiting.render());
        assertEquals(Map.of(d, NOW.minusSeconds(299)), waiting.nextOwned().draining());
        Plan cut = plan(desired(false, want(WEB, WLC, Map.of())), o, new OwnedState(Set.of(WEB), Map.of(d, NOW.minusSeconds(300))));
        assertEquals(List.of(change(new IpvsOp.DeleteDestination(WEB, RS2, "drain timeout, 4 active connections cut"))), cut.operations());
    }

    @Test
    void aDrainingServerThatReturnsToTheConfigGetsItsWeightBack() {
        OwnedState owned = new OwnedState(Set.of(WEB), Map.of(new Draining(WEB, RS2), NOW.minusSeconds(10)));
        Plan p = plan(desired(false, want(WEB, WLC, Map.of(RS2, dr(2)))), observed(have(WEB, WLC, dest(RS2, dr(0), 3))), owned);
        assertEquals(List.of(change(new IpvsOp.EditDestination(WEB, RS2, dr(0), dr(2), null))), p.operations());
        assertEquals(Map.of(), p.nextOwned().draining());
    }

    @Test
    void udpRealServersAreRemovedAtOnce() {
        Plan p = plan(desired(false, want(DNS, WLC, Map.of())), observed(have(DNS, WLC, dest(RS1, DR1, 9))), OwnedState.EMPTY);
        assertEquals(List.of(change(new IpvsOp.DeleteDestination(DNS, RS1, null))), p.operations());
    }

    @Test
    void aFailedHealthCheckRemovesAtOnceWithoutDraining() {
        DesiredService w = new DesiredService(WEB, WLC, Map.of(), Map.of(RS1, "health check failed"), Duration.ofSeconds(300));
        Plan p = plan(desired(false, w), observed(have(WEB, WLC, dest(RS1, DR1, 12))), OwnedState.EMPTY);
        assertEquals(List.of(change(new IpvsOp.DeleteDestination(WEB, RS1, "health check failed"))), p.operations());
    }

    @Test
    void tunnelSettingsCountOnlyForTunnels() {
        DestinationSettings kernelDr = new DestinationSettings(ForwardingMethod.ROUTE, 1, 0, 0, Tunnel.IPIP);
        assertTrue(Planner.sameDestination(kernelDr, DR1));
        DestinationSettings gue = new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, new Tunnel(TunnelType.GUE, 6080, Tunnel.FLAG_CSUM));
        DestinationSettings ipip = new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, null);
        assertTrue(!Planner.sameDestination(ipip, gue));
        assertTrue(Planner.sameDestination(new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, Tunnel.IPIP), ipip));
    }

    @Test
    void sysctlsAndTimeoutsComeFirstAndDeletionsLast() {
        DesiredState d = new DesiredState(Map.of(FWM, want(FWM, WLC, Map.of(RS1, DR1))),
                Map.of("net.ipv4.ip_forward", "1", "net.ipv4.vs.conntrack", "1", "net.ipv4.ip_local_port_range", "1024 65000"),
                new Timeouts(900, 0, 0), null, false);
        ObservedState o = new ObservedState(Map.of(FOREIGN, have(FOREIGN, WLC)),
                Map.of("net.ipv4.ip_forward", "0", "net.ipv4.vs.conntrack", "1", "net.ipv4.ip_local_port_range", "1024\t65000"),
                new Timeouts(900, 120, 300), List.of());
        Plan p = Planner.plan(d, o, new OwnedState(Set.of(FOREIGN), Map.of()), NOW, new SyncFirewall(List.of("+ rule x"), "batch"));
        assertEquals("""
                ~ sysctl net.ipv4.ip_forward 0 -> 1
                + service FWM 1 IPv4 wlc
                +   real 198.51.100.11:80 of FWM 1 IPv4 dr weight 1
                + rule x
                - service TCP 203.0.113.9:22""", p.render());
    }

    @Test
    void changedTimeoutsAreSet() {
        DesiredState d = new DesiredState(Map.of(), Map.of(), new Timeouts(900, 0, 60), null, false);
        ObservedState o = new ObservedState(Map.of(), Map.of(), new Timeouts(900, 120, 300), List.of());
        assertEquals("~ timeouts tcp/tcpfin/udp 900/120/300 -> 900/0/60", Planner.plan(d, o, OwnedState.EMPTY, NOW, null).render());
    }

    @Test
    void aMissingSyncDaemonIsStartedAndOneWithOtherSettingsRestarted() {
        SyncDaemon want = SyncDaemon.of(SyncState.MASTER, "eth1", 7);
        DesiredState d = new DesiredState(Map.of(), Map.of(), null, want, false);
        SyncDaemon backup = SyncDaemon.of(SyncState.BACKUP, "eth1", 3);
        assertEquals(List.of(new StartSyncDaemon(want)),
                Planner.plan(d, new ObservedState(Map.of(), Map.of(), null, List.of(backup)), OwnedState.EMPTY, NOW, null).operations());
        SyncDaemon other = SyncDaemon.of(SyncState.MASTER, "eth1", 8);
        Plan restart = Planner.plan(d, new ObservedState(Map.of(), Map.of(), null, List.of(other)), OwnedState.EMPTY, NOW, null);
        assertEquals("- sync daemon master eth1 syncid 8 (settings changed)\n+ sync daemon master eth1 syncid 7", restart.render());
    }

    @Test
    void aSyncDaemonThatFollowsVrrpStopsTheOtherState() {
        SyncDaemon want = SyncDaemon.of(SyncState.MASTER, "eth1", 7);
        SyncDaemon backup = SyncDaemon.of(SyncState.BACKUP, "eth1", 7);
        DesiredState following = new DesiredState(Map.of(), Map.of(), null, want, false, true);
        assertEquals("- sync daemon backup eth1 syncid 7 (VRRP: this node is now master)\n+ sync daemon master eth1 syncid 7",
                Planner.plan(following, new ObservedState(Map.of(), Map.of(), null, List.of(backup)), OwnedState.EMPTY, NOW,
                        null).render());
        assertTrue(Planner.plan(following, new ObservedState(Map.of(), Map.of(), null, List.of(want)), OwnedState.EMPTY, NOW,
                null).isEmpty());
    }

    @Test
    void theKernelsDefaultsSatisfyASyncDaemonThatLeavesThemOut() {
        SyncDaemon want = SyncDaemon.of(SyncState.MASTER, "eth1", 7);
        SyncDaemon kernel = new SyncDaemon(SyncState.MASTER, "eth1", 7, 1472, ip("224.0.0.81"), 8848, 1);
        assertTrue(Planner.satisfied(want, kernel));
        assertTrue(!Planner.satisfied(new SyncDaemon(SyncState.MASTER, "eth1", 7, 0, null, 9000, 0), kernel));
        DesiredState d = new DesiredState(Map.of(), Map.of(), null, want, false);
        assertTrue(Planner.plan(d, new ObservedState(Map.of(), Map.of(), null, List.of(kernel)), OwnedState.EMPTY, NOW, null).isEmpty());
    }

    private static IpvsChange change(IpvsOp op) {
        return new IpvsChange(op);
    }
}
