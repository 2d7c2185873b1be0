package io.ipvsd.daemon.config;

import java.util.List;

/**
 * Commands (argv, no shell) run on state changes of a VRRP instance or sync group; an empty list
 * means none.
 *
 * @param any run on every change, with keepalived's arguments appended ("INSTANCE" or "GROUP",
 *            the name, the new state and, for an instance, its priority)
 */
public record VrrpNotify(List<String> master, List<String> backup, List<String> fault, List<String> stop,
                         List<String> any) {
    public static final VrrpNotify NONE = new VrrpNotify(List.of(), List.of(), List.of(), List.of(), List.of());

    public VrrpNotify {
        master = List.copyOf(master);
        backup = List.copyOf(backup);
        fault = List.copyOf(fault);
        stop = List.copyOf(stop);
        any = List.copyOf(any);
    }
}
