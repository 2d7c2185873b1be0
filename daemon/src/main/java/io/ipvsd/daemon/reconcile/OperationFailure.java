package io.ipvsd.daemon.reconcile;

import io.ipvsd.daemon.plan.Operation;

/**
 * An operation the kernel (or /proc) refused.
 *
 * @param errno  positive errno when the kernel gave one, else 0
 * @param reason the error text, with the kernel's extended-ack message when there was one
 */
public record OperationFailure(Operation operation, int errno, String reason) {
    @Override
    public String toString() {
        return operation.render().strip() + ": " + reason;
    }
}
