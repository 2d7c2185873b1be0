package io.ipvsd.daemon.vrrp;

import static io.ipvsd.daemon.vrrp.MachineState.NONE;

import io.ipvsd.daemon.vrrp.Action.Level;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The VRRP state machine of one instance as keepalived 2.2.7 runs it (vrrp.c vrrp_state_backup,
 * vrrp_state_master_rx/tx, vrrp_state_leave_master/fault; vrrp_scheduler.c vrrp_init_state): a
 * pure function of the spec, the state, one event and the time.
 */
public final class VrrpMachine {
    private static final long NANOS_PER_CENTI = 10_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** keepalived's down_timer_adverts default, the RFC's 3. */
    private static final int DOWN_TIMER_ADVERTS = 3;

    private VrrpMachine() {}

    public static MachineState initial(InstanceSpec spec) {
        return new MachineState(VrrpState.INIT, spec.priority(), NONE, NONE, NONE, NONE, null, spec.advertCentis(), Set.of());
    }

    /** The earliest deadline, or {@link MachineState#NONE}; the runtime sends TimerFired then. */
    public static long nextDeadline(MachineState s) {
        return Math.min(s.masterDownAt(), Math.min(s.nextAdvertAt(), s.secondGarpAt()));
    }

    public static Step step(InstanceSpec spec, MachineState s, Event e, long nowNanos) {
        List<Action> out = new ArrayList<>();
        MachineState next;
        // Java 17: no pattern switch over the sealed Event yet.
        if (e instanceof Event.Start st) {
            next = start(spec, s, st.faults(), out, nowNanos);
        } else if (e instanceof Event.AdvertReceived r) {
            next = received(spec, s, r.source(), r.advert(), out, nowNanos);
        } else if (e instanceof Event.TimerFired) {
            next = timers(spec, s, out, nowNanos);
        } else if (e instanceof Event.FaultsChanged f) {
            next = faults(spec, s, f.reasons(), out, nowNanos);
        } else if (e instanceof Event.Stop) {
            next = stop(s, out);
        } else {
            next = force(spec, s, ((Event.ForceState) e).target(), out, nowNanos);
        }
        return new Step(next, out);
    }

    /** RFC 3768 §6.1 Skew_Time in v2 ((256-p)/256 s whatever the interval), RFC 5798 §6.1 in v3. */
    static long skewNanos(InstanceSpec spec, MachineState s) {
        long steps = 256 - s.effectivePriority();
        return spec.version() == VrrpVersion.V2
                ? steps * NANOS_PER_SECOND / 256
                : steps * s.masterIntervalCentis() * NANOS_PER_CENTI / 256;
    }

    static long masterDownIntervalNanos(InstanceSpec spec, MachineState s) {
        return DOWN_TIMER_ADVERTS * s.masterIntervalCentis() * NANOS_PER_CENTI + skewNanos(spec, s);
    }

    private static MachineState start(InstanceSpec spec, MachineState s, Set<String> faults, List<Action> out, long now) {
        if (s.state() != VrrpState.INIT && s.state() != VrrpState.STOPPED) return s;
        MachineState base = initial(spec).withFaults(faults);
        if (!faults.isEmpty()) {
            out.add(info(spec, "Entering FAULT STATE (init)"));
            out.add(new Action.Notify(VrrpState.FAULT, base.effectivePriority()));
            return base.withState(VrrpState.FAULT);
        }
        // Only the address owner configured as master skips the wait (keepalived#1835).
        if (ownerStartingAsMaster(spec)) return becomeMaster(spec, base, out, now);
        out.add(info(spec, "Entering BACKUP STATE (init)"));
        out.add(new Action.Notify(VrrpState.BACKUP, base.effectivePriority()));
        MachineState backup = base.withState(VrrpState.BACKUP);
        return backup.withMasterDownAt(now + masterDownIntervalNanos(spec, backup));
    }

    private static boolean ownerStartingAsMaster(InstanceSpec spec) {
        return spec.priority() == InstanceSpec.OWNER_PRIORITY && spec.initialMaster();
    }

    private static MachineState received(InstanceSpec spec, MachineState s, InetAddress source, Advert a, List<Action> out, long now) {
        return switch (s.state()) {
            case BACKUP -> backupReceived(spec, s, source, a, out, now);
            case MASTER -> masterReceived(spec, s, source, a, out, now);
            default -> s; // INIT, FAULT, STOPPED listen to nobody
        };
    }

    private static MachineState backupReceived(InstanceSpec spec, MachineState s, InetAddress source, Advert a, List<Action> out, long now) {
        int prio = a.priority();
        if (prio == 0) {
            // The master resigned: the highest priority backup takes over first (RFC 3768 §6.4.2).
            return s.withMasterDownAt(now + skewNanos(spec, s));
        }
        boolean preemptDelayRunning = spec.preemptDelayNanos() > 0 && s.preemptUntil() > now;
        if (!(spec.nopreempt() || prio >= s.effectivePriority() || preemptDelayRunning)) {
            out.add(info(spec, "received lower priority (" + prio + ") advert from " + AddressText.of(source) + " - discarding"));
            return s.withMaster(source); // the down timer keeps running: we will preempt
        }
        MachineState next = learnInterval(spec, s, a, out).withMaster(source);
        next = next.withMasterDownAt(now + masterDownIntervalNanos(spec, next));
        if (spec.preemptDelayNanos() > 0) {
            if (prio >= s.effectivePriority()) {
                next = next.withPreemptUntil(NONE);
            } else if (s.preemptUntil() == NONE) {
                next = next.withPreemptUntil(now + spec.preemptDelayNanos());
            }
        }
        return next;
    }

    /** RFC 5798 §6.4.2: a v3 backup times the master by the master's interval. */
    private static MachineState learnInterval(InstanceSpec spec, MachineState s, Advert a, List<Action> out) {
        if (spec.version() != VrrpVersion.V3 || a.intervalCentis() == s.masterIntervalCentis()) return s;
        out.add(info(spec, "advertisement interval updated from " + s.masterIntervalCentis() * 10 + "ms to "
                + a.intervalCentis() * 10 + "ms by master"));
        return s.withMasterInterval(a.intervalCentis());
    }

    private static MachineState masterReceived(InstanceSpec spec, MachineState s, InetAddress source, Advert a, List<Action> out, long now) {
        int prio = a.priority();
        if (prio == 0) {
            // Another master resigned; assert ourselves at once so backups do not take over.
            out.add(new Action.SendAdvert(s.effectivePriority()));
            return s;
        }
        int addressOrder = compareAddresses(source, spec.primaryAddress());
        MachineState current = s;
        if (prio == current.effectivePriority() && addressOrder != 0 && prio == InstanceSpec.OWNER_PRIORITY) {
            out.add(warn(spec, "CONFIGURATION ERROR: local instance and a remote instance are both configured as address owner, please fix - reducing local priority"));
            current = current.withPriority(InstanceSpec.OWNER_PRIORITY - 1);
        }
        int ours = current.effectivePriority();
        if (prio < ours || (prio == ours && addressOrder < 0)) {
            // Not the RFC's silent discard: keepalived re-asserts and refreshes ARP caches, which is
            // what repairs clients after a split brain heals (keepalived#166, #160).
            out.add(info(spec, "Received advert from " + AddressText.of(source) + " with lower priority " + prio
                    + ", ours " + ours + ", forcing new election"));
            out.add(new Action.SendAdvert(ours));
            out.add(new Action.SendGratuitous());
            return spec.garpDelayNanos() > 0 ? current.withSecondGarpAt(now + spec.garpDelayNanos()) : current;
        }
        if (prio > ours) {
            out.add(info(spec, "Master received advert from " + AddressText.of(source) + " with higher priority " + prio + ", ours " + ours));
        } else if (addressOrder > 0) {
            out.add(info(spec, "Master received advert from " + AddressText.of(source) + " with same priority " + prio + " but higher IP address than ours"));
        } else {
            return current; // equal priority from our own address: AdvertCheck drops (and logs) it
        }
        MachineState learned = learnInterval(spec, current, a, out).withMaster(source);
        return leaveMasterForBackup(spec, learned, out, now);
    }

    /**
     * keepalived's vrrp_saddr_cmp: the sender against our source address as unsigned bytes;
     * addresses of different families compare equal.
     */
    static int compareAddresses(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) return 0;
        for (int i = 0; i < x.length; i++) {
            int d = (x[i] & 0xff) - (y[i] & 0xff);
            if (d != 0) return d;
        }
        return 0;
    }

    private static MachineState timers(InstanceSpec spec, MachineState s, List<Action> out, long now) {
        if (s.state() == VrrpState.BACKUP && s.masterDownAt() <= now) {
            return becomeMaster(spec, s, out, now);
        }
        if (s.state() != VrrpState.MASTER) return s;
        MachineState next = s;
        if (next.nextAdvertAt() <= now) {
            out.add(new Action.SendAdvert(next.effectivePriority()));
            next = next.withNextAdvertAt(now + spec.advertCentis() * NANOS_PER_CENTI);
        }
        if (next.secondGarpAt() <= now) {
            out.add(new Action.SendGratuitous());
            next = next.withSecondGarpAt(NONE);
        }
        return next;
    }

    /** keepalived's order: the advert first so the old master lets go before our ARPs move clients. */
    private static MachineState becomeMaster(InstanceSpec spec, MachineState s, List<Action> out, long now) {
        out.add(new Action.SendAdvert(s.effectivePriority()));
        out.add(info(spec, "Entering MASTER STATE"));
        if (s.masterIntervalCentis() != spec.advertCentis()) {
            out.add(info(spec, "changing advert interval from " + s.masterIntervalCentis() * 10 + "ms to locally configured "
                    + spec.advertCentis() * 10 + "ms"));
        }
        out.add(new Action.AddVips());
        out.add(new Action.SendGratuitous());
        out.add(new Action.Notify(VrrpState.MASTER, s.effectivePriority()));
        long garp = spec.garpDelayNanos() > 0 ? now + spec.garpDelayNanos() : NONE;
        return s.withState(VrrpState.MASTER)
                .withMasterInterval(spec.advertCentis())
                .withMaster(spec.primaryAddress())
                .withPreemptUntil(NONE)
                .withTimers(NONE, now + spec.advertCentis() * NANOS_PER_CENTI, garp);
    }

    private static MachineState leaveMasterForBackup(InstanceSpec spec, MachineState s, List<Action> out, long now) {
        out.add(info(spec, "Entering BACKUP STATE"));
        out.add(new Action.RemoveVips());
        out.add(new Action.Notify(VrrpState.BACKUP, s.effectivePriority()));
        MachineState backup = s.withState(VrrpState.BACKUP).withPreemptUntil(NONE);
        return backup.withTimers(now + masterDownIntervalNanos(spec, backup), NONE, NONE);
    }

    private static MachineState enterFault(InstanceSpec spec, MachineState s, List<Action> out) {
        out.add(info(spec, "Entering FAULT STATE"));
        if (s.state() == VrrpState.MASTER) {
            out.add(new Action.SendAdvert(0));
            out.add(new Action.RemoveVips());
        }
        out.add(new Action.Notify(VrrpState.FAULT, s.effectivePriority()));
        return s.withState(VrrpState.FAULT).withMaster(null).withPreemptUntil(NONE).withTimers(NONE, NONE, NONE);
    }

    /** Leaving FAULT (or forced out of it): a fresh master-down wait at our own interval. */
    private static MachineState faultToBackup(InstanceSpec spec, MachineState s, List<Action> out, long now) {
        out.add(info(spec, "Entering BACKUP STATE"));
        out.add(new Action.Notify(VrrpState.BACKUP, s.effectivePriority()));
        MachineState backup = s.withState(VrrpState.BACKUP).withMasterInterval(spec.advertCentis());
        // keepalived's try_up_instance: an owner configured as master waits one interval, not three.
        long wait = ownerStartingAsMaster(spec)
                ? spec.advertCentis() * NANOS_PER_CENTI + skewNanos(spec, backup)
                : masterDownIntervalNanos(spec, backup);
        return backup.withMasterDownAt(now + wait);
    }

    private static MachineState faults(InstanceSpec spec, MachineState s, Set<String> reasons, List<Action> out, long now) {
        boolean wasFaulty = !s.faults().isEmpty();
        MachineState next = s.withFaults(reasons);
        return switch (s.state()) {
            case BACKUP, MASTER -> reasons.isEmpty() ? next : enterFault(spec, next, out);
            case FAULT -> wasFaulty && reasons.isEmpty() ? faultToBackup(spec, next, out, now) : next;
            case INIT, STOPPED -> next;
        };
    }

    private static MachineState stop(MachineState s, List<Action> out) {
        if (s.state() == VrrpState.STOPPED) return s;
        if (s.state() == VrrpState.MASTER) {
            // Priority 0 lets the backup take over after Skew_Time instead of the full down interval.
            out.add(new Action.SendAdvert(0));
            out.add(new Action.RemoveVips());
        }
        out.add(new Action.Notify(VrrpState.STOPPED, s.effectivePriority()));
        return s.withState(VrrpState.STOPPED).withMaster(null).withPreemptUntil(NONE).withTimers(NONE, NONE, NONE);
    }

    private static MachineState force(InstanceSpec spec, MachineState s, VrrpState target, List<Action> out, long now) {
        VrrpState from = s.state();
        if (from == target || from == VrrpState.INIT || from == VrrpState.STOPPED) return s;
        if (target == VrrpState.FAULT) return enterFault(spec, s, out);
        if (!s.faults().isEmpty()) return s; // a member with its own faults stays in FAULT
        if (target == VrrpState.MASTER) return becomeMaster(spec, s, out, now);
        return from == VrrpState.MASTER ? leaveMasterForBackup(spec, s, out, now) : faultToBackup(spec, s, out, now);
    }

    private static Action info(InstanceSpec spec, String text) {
        return new Action.Log(Level.INFO, "(" + spec.name() + ") " + text);
    }

    private static Action warn(InstanceSpec spec, String text) {
        return new Action.Log(Level.WARN, "(" + spec.name() + ") " + text);
    }
}
