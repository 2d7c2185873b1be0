package io.ipvsd.daemon.vrrp;

import static io.ipvsd.daemon.vrrp.Fixtures.A;
import static io.ipvsd.daemon.vrrp.Fixtures.B;
import static io.ipvsd.daemon.vrrp.Fixtures.SECOND;
import static io.ipvsd.daemon.vrrp.Fixtures.ip;
import static io.ipvsd.daemon.vrrp.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two nodes, as in the keepalived lab (A 192.0.2.21 priority 100, B 192.0.2.22 priority 95). */
class TwoNodeSimulationTest {
    static final long T0 = 5_000 * SECOND;
    static final long SKEW_95 = 628_906_250L; // (256 - 95)/256 s
    static final long DOWN_100 = 3_609_375_000L;

    FakeNetwork net = new FakeNetwork(T0);

    FakeNetwork.Node a(Fixtures.Spec s) {
        return net.add("A", s.primary(A).build());
    }

    FakeNetwork.Node b(Fixtures.Spec s) {
        return net.add("B", s.primary(B).priority(95).build());
    }

    @Test
    void electionMakesTheHigherPriorityMaster() {
        FakeNetwork.Node a = a(spec());
        FakeNetwork.Node b = b(spec());
        net.startAll();
        assertEquals(T0 + DOWN_100, net.runUntilState("A", "VI_1", VrrpState.MASTER, T0 + 10 * SECOND));
        net.runUntil(T0 + 60 * SECOND);
        assertEquals(VrrpState.MASTER, a.vrrpState());
        assertEquals(VrrpState.BACKUP, b.vrrpState());
        assertTrue(a.holdsVips());
        assertFalse(b.holdsVips());
        assertEquals(A, b.state.masterAddress());
    }

    @Test
    void failoverOnSilenceTakesThreeIntervalsPlusSkew() {
        FakeNetwork.Node a = a(spec());
        FakeNetwork.Node b = b(spec());
        net.startAll();
        net.runUntil(T0 + 10 * SECOND);
        long lastAdvert = a.state.nextAdvertAt() - SECOND;
        a.cabled = false; // kill -9: silence, and the VIP stays where it was
        long took = net.runUntilState("B", "VI_1", VrrpState.MASTER, T0 + 30 * SECOND) - lastAdvert;
        assertEquals(3 * SECOND + SKEW_95, took); // the lab's 3.629 s
        assertTrue(b.holdsVips());
    }

    @Test
    void priorityZeroHandsOverInSkew() {
        FakeNetwork.Node a = a(spec());
        FakeNetwork.Node b = b(spec());
        net.startAll();
        net.runUntil(T0 + 10 * SECOND + SECOND / 2);
        long stoppedAt = net.now;
        net.send(a, new Event.Stop());
        assertFalse(a.holdsVips());
        assertEquals(SKEW_95, net.runUntilState("B", "VI_1", VrrpState.MASTER, T0 + 30 * SECOND) - stoppedAt); // the lab's 0.629 s
    }

    @Test
    void nopreemptKeepsARestartedHigherNodeBackup() {
        FakeNetwork.Node a = a(spec().nopreempt());
        FakeNetwork.Node b = b(spec().nopreempt());
        net.startAll();
        net.runUntil(T0 + 10 * SECOND);
        net.send(a, new Event.Stop());
        net.runUntil(T0 + 12 * SECOND);
        assertEquals(VrrpState.MASTER, b.vrrpState());
        net.send(a, new Event.Start(Set.of()));
        net.runUntil(T0 + 60 * SECOND);
        assertEquals(VrrpState.BACKUP, a.vrrpState());
        assertEquals(VrrpState.MASTER, b.vrrpState());
    }

    @Test
    void withoutNopreemptTheRestartedHigherNodeTakesOver() {
        FakeNetwork.Node a = a(spec());
        FakeNetwork.Node b = b(spec());
        net.startAll();
        net.runUntil(T0 + 10 * SECOND);
        net.send(a, new Event.Stop());
        net.runUntil(T0 + 12 * SECOND);
        long restart = net.now;
        net.send(a, new Event.Start(Set.of()));
        // the lab: "took the VIP back 3.6 s after starting"
        assertEquals(DOWN_100, net.runUntilState("A", "VI_1", VrrpState.MASTER, T0 + 30 * SECOND) - restart);
        net.runUntil(T0 + 20 * SECOND);
        assertEquals(VrrpState.BACKUP, b.vrrpState());
    }

    @Test
    void splitBrainHealsToTheHigherPriority() {
        FakeNetwork.Node a = a(spec().nopreempt());
        FakeNetwork.Node b = b(spec().nopreempt());
        net.startAll();
        net.runUntil(T0 + 10 * SECOND);
        b.cabled = false; // the bridge drops 224.0.0.18 both ways for B
        net.runUntil(T0 + 20 * SECOND);
        assertTrue(a.holdsVips() && b.holdsVips(), "both masters while partitioned");
        b.cabled = true;
        net.runUntil(T0 + 22 * SECOND);
        assertEquals(VrrpState.MASTER, a.vrrpState());
        assertEquals(VrrpState.BACKUP, b.vrrpState());
        assertFalse(b.holdsVips());
    }

    @Test
    void equalPrioritySplitBrainHealsToTheHigherAddress() {
        // A backup accepts an equal priority master (>=); only two masters compare addresses.
        FakeNetwork.Node a = a(spec());
        FakeNetwork.Node b = net.add("B", spec().primary(B).build());
        net.startAll();
        net.runUntil(T0 + 10 * SECOND);
        assertEquals(VrrpState.MASTER, a.vrrpState(), "A timed out first and B accepted it");
        assertEquals(VrrpState.BACKUP, b.vrrpState());
        b.cabled = false;
        net.runUntil(T0 + 20 * SECOND);
        b.cabled = true;
        net.runUntil(T0 + 22 * SECOND);
        assertEquals(VrrpState.BACKUP, a.vrrpState(), "192.0.2.22 > 192.0.2.21");
        assertEquals(VrrpState.MASTER, b.vrrpState());
    }

    @Test
    void mismatchedPasswordsGiveTwoMasters() {
        FakeNetwork.Node a = a(spec());
        FakeNetwork.Node b = net.add("B", spec().primary(B).priority(95).build());
        FakeNetwork.Node other = net.add("D", new InstanceSpec("VI_1", 98, 90, VrrpVersion.V2, 100, false, 0,
                "12345678".getBytes(java.nio.charset.StandardCharsets.US_ASCII), ip("192.0.2.24"), a.spec.vips(), java.util.List.of(),
                true, false, 5, 5 * SECOND, false));
        net.startAll();
        net.runUntil(T0 + 20 * SECOND);
        assertEquals(VrrpState.MASTER, a.vrrpState());
        assertEquals(VrrpState.BACKUP, b.vrrpState());
        assertEquals(VrrpState.MASTER, other.vrrpState(), "D drops A's adverts (auth_password) and takes over too");
    }

    @Test
    void syncGroupMembersMoveTogether() {
        InstanceSpec a1 = spec().primary(A).build();
        InstanceSpec a2 = spec().name("VI_2").vrid(99).vips(ip("192.0.2.99")).primary(A).build();
        FakeNetwork.Node vi1a = net.add("A", a1);
        FakeNetwork.Node vi2a = net.add("A", a2);
        FakeNetwork.Node vi1b = net.add("B", spec().primary(B).priority(95).build());
        FakeNetwork.Node vi2b = net.add("B", spec().name("VI_2").vrid(99).vips(ip("192.0.2.99")).primary(B).priority(95).build());
        net.syncGroup("A", "VI_1", "VI_2");
        net.syncGroup("B", "VI_1", "VI_2");
        net.startAll();
        net.runUntil(T0 + 10 * SECOND);
        assertEquals(VrrpState.MASTER, vi1a.vrrpState());
        assertEquals(VrrpState.MASTER, vi2a.vrrpState());

        long faultAt = net.now;
        net.send(vi1a, new Event.FaultsChanged(Set.of("interface ens192 is down")));
        assertEquals(VrrpState.FAULT, vi2a.vrrpState(), "VI_2 follows VI_1 into FAULT");
        assertFalse(vi2a.holdsVips());
        assertEquals(faultAt + SKEW_95, net.runUntilState("B", "VI_1", VrrpState.MASTER, T0 + 20 * SECOND));
        assertEquals(VrrpState.MASTER, vi2b.vrrpState());

        net.runUntil(T0 + 30 * SECOND);
        assertEquals(VrrpState.FAULT, vi2a.vrrpState(), "a group with a faulty member stays in FAULT");
        net.send(vi1a, new Event.FaultsChanged(Set.of()));
        assertEquals(VrrpState.BACKUP, vi2a.vrrpState());
        net.runUntil(T0 + 40 * SECOND);
        assertEquals(VrrpState.MASTER, vi1a.vrrpState(), "A preempts again");
        assertEquals(VrrpState.MASTER, vi2a.vrrpState());
        assertEquals(VrrpState.BACKUP, vi1b.vrrpState());
        assertEquals(VrrpState.BACKUP, vi2b.vrrpState());
    }
}
