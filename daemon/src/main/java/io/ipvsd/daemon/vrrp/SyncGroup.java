package io.ipvsd.daemon.vrrp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * keepalived's vrrp_sync_group semantics (vrrp_sync.c) as a function the runtime calls after each
 * step that changed a member's state: which members must be forced, and where.
 */
public final class SyncGroup {
    private SyncGroup() {}

    /** A member as the group sees it: its state and whether it has fault reasons of its own. */
    public record Member(VrrpState state, boolean faulty) {
        public Member {
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * The ForceState events, in the members' iteration order, that follow {@code mover}'s
     * transition {@code from} → {@code to}. {@code members} holds every member of the group by
     * name, the mover already in {@code to}. The mover itself is in the result when it must be
     * pulled back to FAULT: while any member has faults the group can be neither MASTER nor leave FAULT.
     */
    public static Map<String, Event.ForceState> follow(Map<String, Member> members, String mover, VrrpState from, VrrpState to) {
        Map<String, Event.ForceState> forced = new LinkedHashMap<>();
        if (from == to || !members.containsKey(mover)) return forced;
        boolean otherFaulty = members.entrySet().stream()
                .anyMatch(m -> !m.getKey().equals(mover) && m.getValue().faulty());
        switch (to) {
            case FAULT -> forceOthers(members, mover, VrrpState.FAULT, forced);
            case MASTER -> {
                if (otherFaulty) forced.put(mover, new Event.ForceState(VrrpState.FAULT));
                else forceOthers(members, mover, VrrpState.MASTER, forced);
            }
            case BACKUP -> {
                if (from == VrrpState.FAULT && otherFaulty) forced.put(mover, new Event.ForceState(VrrpState.FAULT));
                else if (from == VrrpState.MASTER || from == VrrpState.FAULT) forceOthers(members, mover, VrrpState.BACKUP, forced);
            }
            case INIT, STOPPED -> { }
        }
        return forced;
    }

    private static void forceOthers(Map<String, Member> members, String mover, VrrpState target, Map<String, Event.ForceState> forced) {
        members.forEach((name, member) -> {
            VrrpState st = member.state();
            // Members not running are left alone; members already there need nothing; a member
            // with faults of its own cannot follow the group out of FAULT.
            if (name.equals(mover) || st == target || st == VrrpState.INIT || st == VrrpState.STOPPED
                    || (target != VrrpState.FAULT && member.faulty())) {
                return;
            }
            forced.put(name, new Event.ForceState(target));
        });
    }
}
