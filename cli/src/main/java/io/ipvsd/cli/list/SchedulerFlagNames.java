package io.ipvsd.cli.list;

import io.ipvsd.ipvs.ServiceFlags;
import java.util.ArrayList;
import java.util.List;

/** ipvsadm's names of the scheduler flag bits, which depend on the scheduler (print_sched_flags). */
final class SchedulerFlagNames {
    private SchedulerFlagNames() {
    }

    static List<String> of(String scheduler, int flags) {
        List<String> names = new ArrayList<>();
        switch (scheduler) {
            case "sh", "mh" -> {
                // sh and mh name only two bits; a third one set shows as nothing, as in ipvsadm.
                add(names, flags, ServiceFlags.SCHED1, scheduler + "-fallback");
                add(names, flags, ServiceFlags.SCHED2, scheduler + "-port");
            }
            default -> {
                add(names, flags, ServiceFlags.SCHED1, "flag-1");
                add(names, flags, ServiceFlags.SCHED2, "flag-2");
                add(names, flags, ServiceFlags.SCHED3, "flag-3");
            }
        }
        return names;
    }

    private static void add(List<String> names, int flags, int bit, String name) {
        if ((flags & bit) != 0) {
            names.add(name);
        }
    }
}
