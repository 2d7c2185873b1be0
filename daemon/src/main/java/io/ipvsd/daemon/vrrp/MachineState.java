package io.ipvsd.daemon.vrrp;

import java.net.InetAddress;
import java.util.Set;

/**
 * The protocol state of one instance; times are monotonic nanoseconds, {@link #NONE} = not set.
 *
 * @param effectivePriority the configured priority, except after two address owners met (keepalived
 *     then lowers its own to 254)
 * @param masterDownAt BACKUP: when the master is declared dead
 * @param nextAdvertAt MASTER: when the next advert is due
 * @param secondGarpAt MASTER: when the delayed gratuitous ARP burst is due
 * @param preemptUntil BACKUP with preempt_delay: until when a lower priority master is still
 *     accepted; NONE = the delay has not started (a lower priority master is then accepted too)
 * @param masterAddress the current master as last known (ourselves when MASTER), or null
 * @param masterIntervalCentis the master's advert interval (v3 learns it; v2 = ours)
 * @param faults the current fault reasons; empty = healthy
 */
public record MachineState(
        VrrpState state,
        int effectivePriority,
        long masterDownAt,
        long nextAdvertAt,
        long secondGarpAt,
        long preemptUntil,
        InetAddress masterAddress,
        int masterIntervalCentis,
        Set<String> faults) {

    public static final long NONE = Long.MAX_VALUE;

    public MachineState {
        faults = Set.copyOf(faults);
    }

    MachineState withState(VrrpState newState) {
        return new MachineState(newState, effectivePriority, masterDownAt, nextAdvertAt, secondGarpAt, preemptUntil, masterAddress, masterIntervalCentis, faults);
    }

    MachineState withPriority(int priority) {
        return new MachineState(state, priority, masterDownAt, nextAdvertAt, secondGarpAt, preemptUntil, masterAddress, masterIntervalCentis, faults);
    }

    MachineState withTimers(long down, long advert, long garp) {
        return new MachineState(state, effectivePriority, down, advert, garp, preemptUntil, masterAddress, masterIntervalCentis, faults);
    }

    MachineState withMasterDownAt(long down) {
        return withTimers(down, nextAdvertAt, secondGarpAt);
    }

    MachineState withNextAdvertAt(long advert) {
        return withTimers(masterDownAt, advert, secondGarpAt);
    }

    MachineState withSecondGarpAt(long garp) {
        return withTimers(masterDownAt, nextAdvertAt, garp);
    }

    MachineState withPreemptUntil(long until) {
        return new MachineState(state, effectivePriority, masterDownAt, nextAdvertAt, secondGarpAt, until, masterAddress, masterIntervalCentis, faults);
    }

    MachineState withMaster(InetAddress newMaster) {
        return new MachineState(state, effectivePriority, masterDownAt, nextAdvertAt, secondGarpAt, preemptUntil, newMaster, masterIntervalCentis, faults);
    }

    MachineState withMasterInterval(int centis) {
        return new MachineState(state, effectivePriority, masterDownAt, nextAdvertAt, secondGarpAt, preemptUntil, masterAddress, centis, faults);
    }

    MachineState withFaults(Set<String> newFaults) {
        return new MachineState(state, effectivePriority, masterDownAt, nextAdvertAt, secondGarpAt, preemptUntil, masterAddress, masterIntervalCentis, newFaults);
    }
}
