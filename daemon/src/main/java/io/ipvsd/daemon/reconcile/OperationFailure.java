package io.ipvsd.daemon.reconcile;

import io.ipvsd.daemon.plan.Operation;

/**
 * An operation the kernel (or /proc) refused, or a change that could not be planned.
 *
 * @param operation the operation's plan line
 * @param errno     positive errno when the kernel gave one, else 0
 * @param reason    the error text, with the kernel's extended-ack message when there was one
 */
public record OperationFailure(String operation, int errno, String reason) {

    public OperationFailure(Operation operation, int errno, String reason) {
        this(operation.render().strip(), errno, reason);
    }

    /** A change the planner refused: its text already says what and why. */
    static OperationFailure notPlanned(String what) {
        return new OperationFailure("not planned", 0, what);
    }

    @Override
    public String toString() {
        return operation + ": " + reason;
    }
}
