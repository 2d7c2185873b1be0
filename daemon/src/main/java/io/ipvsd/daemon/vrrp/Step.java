package io.ipvsd.daemon.vrrp;

import java.util.List;

/** The state after an event and the actions to carry out, in order. */
public record Step(MachineState state, List<Action> actions) {
    public Step {
        actions = List.copyOf(actions);
    }
}
