package io.ipvsd.daemon.vrrp;

import static io.ipvsd.daemon.vrrp.Fixtures.A;
import static io.ipvsd.daemon.vrrp.Fixtures.B;
import static io.ipvsd.daemon.vrrp.Fixtures.PASS;
import static io.ipvsd.daemon.vrrp.Fixtures.SECOND;
import static io.ipvsd.daemon.vrrp.Fixtures.VIP;
import static io.ipvsd.daemon.vrrp.Fixtures.ip;
import static io.ipvsd.daemon.vrrp.Fixtures.spec;
import static io.ipvsd.daemon.vrrp.MachineState.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipvsd.daemon.vrrp.Action.AddVips;
import io.ipvsd.daemon.vrrp.Action.Level;
import io.ipvsd.daemon.vrrp.Action.Log;
import io.ipvsd.daemon.vrrp.Action.Notify;
import io.ipvsd.daemon.vrrp.Action.RemoveVips;
import io.ipvsd.daemon.vrrp.Action.SendAdvert;
import io.ipvsd.daemon.vrrp.Action.SendGratuitous;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VrrpMachineTest {
    /** 3 x 1 s + (256 - 100)/256 s, to the nanosecond. */
    static final long DOWN_100 = 3_609_375_000L;
    static final long T0 = 1_000 * SECOND; // an arbitrary monotonic origin

    static Advert v2(int priority) {
        return new Advert(VrrpVersion.V2, 98, priority, 100, 1, PASS, List.of(VIP));
    }

    static Advert v3(int priority, int centis) {
        return new Advert(VrrpVersion.V3, 98, priority, centis, 0, new byte[0], List.of(VIP));
    }

    static Log info(String line) {
        return new Log(Level.INFO, line);
    }

    static Step start(InstanceSpec spec) {
        return VrrpMachine.step(spec, VrrpMachine.initial(spec), new Event.Start(Set.of()), T0);
    }

    static MachineState backup(InstanceSpec spec) {
        return start(spec).state();
    }

    static MachineState master(InstanceSpec spec) {
        MachineState b = backup(spec);
        return VrrpMachine.step(spec, b, new Event.TimerFired(), b.masterDownAt()).state();
    }

    static Step receive(InstanceSpec spec, MachineState s, InetAddress from, Advert a, long now) {
        return VrrpMachine.step(spec, s, new Event.AdvertReceived(from, a), now);
    }

    @Test
    void startEntersBackupAndWaitsTheMasterDownInterval() {
        InstanceSpec spec = spec().build();
        Step step = start(spec);
        assertEquals(VrrpState.BACKUP, step.state().state());
        assertEquals(List.of(info("(VI_1) Entering BACKUP STATE (init)"), new Notify(VrrpState.BACKUP, 100)), step.actions());
        assertEquals(T0 + DOWN_100, step.state().masterDownAt());
        assertEquals(T0 + DOWN_100, VrrpMachine.nextDeadline(step.state()));
    }

    @Test
    void v2SkewDoesNotScaleWithTheInterval() {
        // 3 x 2 s + (256 - 95)/256 s: keepalived's VRRP_TIMER_SKEW ignores advert_int in v2
        assertEquals(T0 + 6_628_906_250L, backup(spec().priority(95).advertSeconds(2).build()).masterDownAt());
    }

    @Test
    void initialMasterWithoutOwnerPriorityStillStartsBackup() {
        assertEquals(T0 + DOWN_100, backup(spec().initialMaster().build()).masterDownAt());
    }

    @Test
    void ownerWithInitialMasterBecomesMasterAtOnce() {
        Step step = start(spec().priority(255).initialMaster().build());
        assertEquals(VrrpState.MASTER, step.state().state());
        assertEquals(new SendAdvert(255), step.actions().get(0));
        assertEquals(new Notify(VrrpState.MASTER, 255), step.actions().get(step.actions().size() - 1));
    }

    @Test
    void faultsAtStartEnterFault() {
        InstanceSpec spec = spec().build();
        Step step = VrrpMachine.step(spec, VrrpMachine.initial(spec), new Event.Start(Set.of("interface ens192 is down")), T0);
        assertEquals(VrrpState.FAULT, step.state().state());
        assertEquals(List.of(info("(VI_1) Entering FAULT STATE (init)"), new Notify(VrrpState.FAULT, 100)), step.actions());
        assertEquals(NONE, VrrpMachine.nextDeadline(step.state()));
    }

    @Test
    void downTimerExpiryMakesMasterInKeepalivedsOrder() {
        InstanceSpec spec = spec().build();
        MachineState b = backup(spec);
        Step early = VrrpMachine.step(spec, b, new Event.TimerFired(), b.masterDownAt() - 1);
        assertEquals(VrrpState.BACKUP, early.state().state());
        assertEquals(List.of(), early.actions());
        Step step = VrrpMachine.step(spec, b, new Event.TimerFired(), b.masterDownAt());
        assertEquals(List.of(new SendAdvert(100), info("(VI_1) Entering MASTER STATE"), new AddVips(), new SendGratuitous(),
                new Notify(VrrpState.MASTER, 100)), step.actions());
        MachineState m = step.state();
        assertEquals(VrrpState.MASTER, m.state());
        assertEquals(A, m.masterAddress());
        assertEquals(b.masterDownAt() + SECOND, m.nextAdvertAt());
        assertEquals(b.masterDownAt() + 5 * SECOND, m.secondGarpAt());
        assertEquals(NONE, m.masterDownAt());
    }

    @Test
    void masterAdvertisesEveryInterval() {
        InstanceSpec spec = spec().build();
        MachineState m = master(spec);
        Step step = VrrpMachine.step(spec, m, new Event.TimerFired(), m.nextAdvertAt());
        assertEquals(List.of(new SendAdvert(100)), step.actions());
        assertEquals(m.nextAdvertAt() + SECOND, step.state().nextAdvertAt());
    }

    @Test
    void secondGratuitousBurstAfterGarpDelay() {
        InstanceSpec spec = spec().build();
        MachineState m = master(spec);
        long at = m.secondGarpAt();
        MachineState s = m;
        for (long t = m.nextAdvertAt(); t < at; t += SECOND) {
            s = VrrpMachine.step(spec, s, new Event.TimerFired(), t).state();
        }
        Step step = VrrpMachine.step(spec, s, new Event.TimerFired(), at);
        assertEquals(List.of(new SendAdvert(100), new SendGratuitous()), step.actions());
        assertEquals(NONE, step.state().secondGarpAt());
    }

    @Test
    void garpDelayZeroMeansNoSecondBurst() {
        assertEquals(NONE, master(spec().garpDelay(0).build()).secondGarpAt());
    }

    @Test
    void backupAcceptsHigherOrEqualPriorityAndResetsTheDownTimer() {
        InstanceSpec spec = spec().build();
        MachineState b = backup(spec);
        Step step = receive(spec, b, B, v2(100), T0 + 2 * SECOND);
        assertEquals(List.of(), step.actions());
        assertEquals(T0 + 2 * SECOND + DOWN_100, step.state().masterDownAt());
        assertEquals(B, step.state().masterAddress());
    }

    @Test
    void backupDiscardsLowerPriorityAndKeepsTheTimer() {
        InstanceSpec spec = spec().build();
        MachineState b = backup(spec);
        Step step = receive(spec, b, B, v2(95), T0 + 2 * SECOND);
        assertEquals(List.of(info("(VI_1) received lower priority (95) advert from 192.0.2.22 - discarding")), step.actions());
        assertEquals(b.masterDownAt(), step.state().masterDownAt());
    }

    @Test
    void backupWithNopreemptAcceptsLowerPriority() {
        InstanceSpec spec = spec().nopreempt().build();
        Step step = receive(spec, backup(spec), B, v2(95), T0 + 2 * SECOND);
        assertEquals(List.of(), step.actions());
        assertEquals(T0 + 2 * SECOND + DOWN_100, step.state().masterDownAt());
    }

    @Test
    void backupPriorityZeroSetsTheDownTimerToSkew() {
        InstanceSpec spec = spec().build();
        Step step = receive(spec, backup(spec), B, v2(0), T0 + 2 * SECOND);
        assertEquals(T0 + 2 * SECOND + 609_375_000L, step.state().masterDownAt());
    }

    @Test
    void preemptDelayAcceptsLowerPriorityUntilItRunsOut() {
        InstanceSpec spec = spec().preemptDelay(2 * SECOND).build();
        MachineState s = backup(spec);
        s = receive(spec, s, B, v2(95), T0 + SECOND).state(); // starts the delay: until T0 + 3 s
        assertEquals(T0 + 3 * SECOND, s.preemptUntil());
        assertEquals(T0 + SECOND + DOWN_100, s.masterDownAt());
        s = receive(spec, s, B, v2(95), T0 + 2 * SECOND).state();
        assertEquals(T0 + 2 * SECOND + DOWN_100, s.masterDownAt());
        Step late = receive(spec, s, B, v2(95), T0 + 3 * SECOND);
        assertEquals(List.of(info("(VI_1) received lower priority (95) advert from 192.0.2.22 - discarding")), late.actions());
        assertEquals(T0 + 2 * SECOND + DOWN_100, late.state().masterDownAt());
    }

    @Test
    void preemptDelayStopsOnAHigherPriorityMaster() {
        InstanceSpec spec = spec().preemptDelay(2 * SECOND).build();
        MachineState s = receive(spec, backup(spec), B, v2(95), T0 + SECOND).state();
        s = receive(spec, s, B, v2(150), T0 + 2 * SECOND).state();
        assertEquals(NONE, s.preemptUntil());
    }

    @Test
    void v3BackupLearnsMasterInterval() {
        InstanceSpec spec = spec().v3(100).build();
        MachineState b = backup(spec);
        assertEquals(T0 + DOWN_100, b.masterDownAt()); // 3 x 100 cs + 156 x 100 cs / 256
        Step step = receive(spec, b, B, v3(200, 50), T0 + SECOND);
        assertEquals(List.of(info("(VI_1) advertisement interval updated from 1000ms to 500ms by master")), step.actions());
        assertEquals(50, step.state().masterIntervalCentis());
        // vrrp-facts §1.4: 3 x 0.5 s + 156 x 0.5 s / 256 = 1.8046875 s
        assertEquals(T0 + SECOND + 1_804_687_500L, step.state().masterDownAt());
    }

    @Test
    void v3SkewScalesWithTheLearnedInterval() {
        InstanceSpec spec = spec().v3(100).build();
        MachineState s = receive(spec, backup(spec), B, v3(200, 50), T0).state();
        assertEquals(T0 + SECOND + 304_687_500L, receive(spec, s, B, v3(0, 50), T0 + SECOND).state().masterDownAt());
    }

    @Test
    void v3MasterGoesBackToItsOwnInterval() {
        InstanceSpec spec = spec().v3(100).build();
        MachineState s = receive(spec, backup(spec), B, v3(200, 50), T0).state();
        Step step = VrrpMachine.step(spec, s, new Event.TimerFired(), s.masterDownAt());
        assertEquals(List.of(new SendAdvert(100), info("(VI_1) Entering MASTER STATE"),
                info("(VI_1) changing advert interval from 500ms to locally configured 1000ms"),
                new AddVips(), new SendGratuitous(), new Notify(VrrpState.MASTER, 100)), step.actions());
        assertEquals(100, step.state().masterIntervalCentis());
        assertEquals(s.masterDownAt() + SECOND, step.state().nextAdvertAt());
    }

    @Test
    void masterYieldsToHigherPriority() {
        InstanceSpec spec = spec().build();
        MachineState m = master(spec);
        long now = T0 + 10 * SECOND;
        Step step = receive(spec, m, B, v2(200), now);
        assertEquals(List.of(info("(VI_1) Master received advert from 192.0.2.22 with higher priority 200, ours 100"),
                info("(VI_1) Entering BACKUP STATE"), new RemoveVips(), new Notify(VrrpState.BACKUP, 100)), step.actions());
        assertEquals(VrrpState.BACKUP, step.state().state());
        assertEquals(now + DOWN_100, step.state().masterDownAt());
        assertEquals(NONE, step.state().nextAdvertAt());
        assertEquals(NONE, step.state().secondGarpAt());
        assertEquals(B, step.state().masterAddress());
    }

    @Test
    void masterYieldsToEqualPriorityFromHigherAddress() {
        InstanceSpec spec = spec().build(); // we are 192.0.2.21
        Step step = receive(spec, master(spec), B, v2(100), T0 + 10 * SECOND);
        assertEquals(info("(VI_1) Master received advert from 192.0.2.22 with same priority 100 but higher IP address than ours"),
                step.actions().get(0));
        assertEquals(VrrpState.BACKUP, step.state().state());
    }

    @Test
    void masterComparesAddressesAsUnsignedBytes() {
        InstanceSpec spec = spec().build();
        // 200.0.0.1 > 192.0.2.21 only when bytes are unsigned (200 is negative as a Java byte)
        assertEquals(VrrpState.BACKUP, receive(spec, master(spec), ip("200.0.0.1"), v2(100), T0 + 10 * SECOND).state().state());
    }

    @Test
    void masterForcesNewElectionOnLowerPriority() {
        InstanceSpec spec = spec().build();
        MachineState m = master(spec);
        long now = T0 + 10 * SECOND;
        Step step = receive(spec, m, B, v2(95), now);
        assertEquals(List.of(info("(VI_1) Received advert from 192.0.2.22 with lower priority 95, ours 100, forcing new election"),
                new SendAdvert(100), new SendGratuitous()), step.actions());
        assertEquals(VrrpState.MASTER, step.state().state());
        assertEquals(now + 5 * SECOND, step.state().secondGarpAt());
    }

    @Test
    void masterForcesNewElectionOnEqualPriorityFromLowerAddress() {
        InstanceSpec spec = spec().primary(B).build();
        Step step = receive(spec, master(spec), A, v2(100), T0 + 10 * SECOND);
        assertEquals(info("(VI_1) Received advert from 192.0.2.21 with lower priority 100, ours 100, forcing new election"),
                step.actions().get(0));
        assertEquals(VrrpState.MASTER, step.state().state());
    }

    @Test
    void masterAnswersPriorityZeroWithAnAdvert() {
        InstanceSpec spec = spec().build();
        MachineState m = master(spec);
        Step step = receive(spec, m, B, v2(0), T0 + 10 * SECOND);
        assertEquals(List.of(new SendAdvert(100)), step.actions());
        assertEquals(m, step.state());
    }

    @Test
    void twoOwnersMeetingLowerTheLocalPriority() {
        InstanceSpec spec = spec().priority(255).initialMaster().build();
        MachineState m = start(spec).state();
        Step step = receive(spec, m, B, v2(255), T0 + SECOND);
        assertEquals(new Log(Level.WARN, "(VI_1) CONFIGURATION ERROR: local instance and a remote instance are both configured as address owner, please fix - reducing local priority"),
                step.actions().get(0));
        assertEquals(info("(VI_1) Master received advert from 192.0.2.22 with higher priority 255, ours 254"), step.actions().get(1));
        assertEquals(254, step.state().effectivePriority());
        assertEquals(VrrpState.BACKUP, step.state().state());
    }

    @Test
    void faultFromMasterResignsWithPriorityZero() {
        InstanceSpec spec = spec().build();
        Step step = VrrpMachine.step(spec, master(spec), new Event.FaultsChanged(Set.of("interface ens192 is down")), T0 + 9 * SECOND);
        assertEquals(List.of(info("(VI_1) Entering FAULT STATE"), new SendAdvert(0), new RemoveVips(), new Notify(VrrpState.FAULT, 100)),
                step.actions());
        assertEquals(VrrpState.FAULT, step.state().state());
        assertEquals(NONE, VrrpMachine.nextDeadline(step.state()));
        assertNull(step.state().masterAddress());
    }

    @Test
    void faultFromBackupOnlyNotifies() {
        InstanceSpec spec = spec().build();
        Step step = VrrpMachine.step(spec, backup(spec), new Event.FaultsChanged(Set.of("tracked service web is down")), T0 + SECOND);
        assertEquals(List.of(info("(VI_1) Entering FAULT STATE"), new Notify(VrrpState.FAULT, 100)), step.actions());
    }

    @Test
    void faultIgnoresAdverts() {
        InstanceSpec spec = spec().build();
        MachineState f = VrrpMachine.step(spec, backup(spec), new Event.FaultsChanged(Set.of("x")), T0).state();
        Step step = receive(spec, f, B, v2(200), T0 + SECOND);
        assertEquals(f, step.state());
        assertEquals(List.of(), step.actions());
    }

    @Test
    void faultsClearedReturnToBackupWithAFreshDownTimer() {
        InstanceSpec spec = spec().build();
        MachineState f = VrrpMachine.step(spec, master(spec), new Event.FaultsChanged(Set.of("x")), T0 + 5 * SECOND).state();
        MachineState stillFaulty = VrrpMachine.step(spec, f, new Event.FaultsChanged(Set.of("y")), T0 + 6 * SECOND).state();
        assertEquals(VrrpState.FAULT, stillFaulty.state());
        Step step = VrrpMachine.step(spec, stillFaulty, new Event.FaultsChanged(Set.of()), T0 + 7 * SECOND);
        assertEquals(List.of(info("(VI_1) Entering BACKUP STATE"), new Notify(VrrpState.BACKUP, 100)), step.actions());
        assertEquals(T0 + 7 * SECOND + DOWN_100, step.state().masterDownAt());
    }

    @Test
    void stopFromMasterSendsPriorityZeroAndRemovesVips() {
        InstanceSpec spec = spec().build();
        Step step = VrrpMachine.step(spec, master(spec), new Event.Stop(), T0 + 9 * SECOND);
        assertEquals(List.of(new SendAdvert(0), new RemoveVips(), new Notify(VrrpState.STOPPED, 100)), step.actions());
        assertEquals(VrrpState.STOPPED, step.state().state());
        assertEquals(NONE, VrrpMachine.nextDeadline(step.state()));
    }

    @Test
    void stopFromBackupOnlyNotifies() {
        InstanceSpec spec = spec().build();
        assertEquals(List.of(new Notify(VrrpState.STOPPED, 100)),
                VrrpMachine.step(spec, backup(spec), new Event.Stop(), T0 + SECOND).actions());
    }

    @Test
    void restartAfterStopEntersBackupAgain() {
        InstanceSpec spec = spec().build();
        MachineState stopped = VrrpMachine.step(spec, master(spec), new Event.Stop(), T0 + 9 * SECOND).state();
        Step step = VrrpMachine.step(spec, stopped, new Event.Start(Set.of()), T0 + 20 * SECOND);
        assertEquals(VrrpState.BACKUP, step.state().state());
        assertEquals(T0 + 20 * SECOND + DOWN_100, step.state().masterDownAt());
    }

    @Test
    void forceStateMasterActsLikeATimeout() {
        InstanceSpec spec = spec().build();
        Step step = VrrpMachine.step(spec, backup(spec), new Event.ForceState(VrrpState.MASTER), T0 + SECOND);
        assertEquals(List.of(new SendAdvert(100), info("(VI_1) Entering MASTER STATE"), new AddVips(), new SendGratuitous(),
                new Notify(VrrpState.MASTER, 100)), step.actions());
    }

    @Test
    void forceStateIntoTheCurrentStateIsANoOp() {
        InstanceSpec spec = spec().build();
        MachineState m = master(spec);
        Step step = VrrpMachine.step(spec, m, new Event.ForceState(VrrpState.MASTER), T0 + 5 * SECOND);
        assertEquals(m, step.state());
        assertEquals(List.of(), step.actions());
    }

    @Test
    void forceStateBackupFromMasterRemovesVips() {
        InstanceSpec spec = spec().build();
        Step step = VrrpMachine.step(spec, master(spec), new Event.ForceState(VrrpState.BACKUP), T0 + 5 * SECOND);
        assertEquals(List.of(info("(VI_1) Entering BACKUP STATE"), new RemoveVips(), new Notify(VrrpState.BACKUP, 100)), step.actions());
    }

    @Test
    void forcedFaultLeavesOnlyWhenForcedOut() {
        InstanceSpec spec = spec().build();
        MachineState f = VrrpMachine.step(spec, master(spec), new Event.ForceState(VrrpState.FAULT), T0 + 5 * SECOND).state();
        assertEquals(VrrpState.FAULT, f.state());
        assertEquals(f, VrrpMachine.step(spec, f, new Event.FaultsChanged(Set.of()), T0 + 6 * SECOND).state());
        assertEquals(VrrpState.BACKUP, VrrpMachine.step(spec, f, new Event.ForceState(VrrpState.BACKUP), T0 + 6 * SECOND).state().state());
    }

    @Test
    void memberWithOwnFaultsRefusesToBeForcedOut() {
        InstanceSpec spec = spec().build();
        MachineState f = VrrpMachine.step(spec, backup(spec), new Event.FaultsChanged(Set.of("x")), T0).state();
        assertEquals(f, VrrpMachine.step(spec, f, new Event.ForceState(VrrpState.MASTER), T0 + SECOND).state());
        assertEquals(f, VrrpMachine.step(spec, f, new Event.ForceState(VrrpState.BACKUP), T0 + SECOND).state());
    }

    @Test
    void forceStateRefusesInitAndStopped() {
        assertThrows(IllegalArgumentException.class, () -> new Event.ForceState(VrrpState.STOPPED));
    }
}
