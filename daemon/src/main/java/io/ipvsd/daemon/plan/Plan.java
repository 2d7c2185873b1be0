package io.ipvsd.daemon.plan;

import io.ipvsd.daemon.state.OwnedState;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one tick will change, in the order it will be applied, and the ownership record that
 * holds once it has been applied. A value: printing it is `ipvsctl plan`.
 *
 * @param notPlanned changes that cannot be made, each with why ("service TCP 192.0.2.1:80: ..."):
 *                   an op the kernel would refuse is not planned, so it cannot stop the others
 */
public record Plan(List<Operation> operations, OwnedState nextOwned, List<String> notPlanned) {
    public Plan {
        operations = List.copyOf(operations);
        notPlanned = List.copyOf(notPlanned);
    }

    public Plan(List<Operation> operations, OwnedState nextOwned) {
        this(operations, nextOwned, List.of());
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    public String render() {
        if (operations.isEmpty() && notPlanned.isEmpty()) {
            return "No changes: the kernel matches the configuration.";
        }
        return Stream.concat(operations.stream().map(Operation::render), notPlanned.stream().map(n -> "! not planned: " + n))
                .collect(Collectors.joining("\n"));
    }
}
