package io.ipvsd.daemon.plan;

import io.ipvsd.daemon.state.OwnedState;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one tick will change, in the order it will be applied, and the ownership record that
 * holds once it has been applied. A value: printing it is `ipvsctl plan`.
 */
public record Plan(List<Operation> operations, OwnedState nextOwned) {
    public Plan {
        operations = List.copyOf(operations);
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    public String render() {
        if (operations.isEmpty()) {
            return "No changes: the kernel matches the configuration.";
        }
        return operations.stream().map(Operation::render).collect(Collectors.joining("\n"));
    }
}
