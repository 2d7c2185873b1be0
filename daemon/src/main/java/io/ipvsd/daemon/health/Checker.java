package io.ipvsd.daemon.health;

import java.util.concurrent.CompletableFuture;

/** Runs one check of one target without blocking the caller. */
public interface Checker extends AutoCloseable {
    /**
     * Starts a check. The future completes, normally about by the policy's timeout, with the result;
     * it may complete on any thread.
     */
    CompletableFuture<CheckResult> check(TargetKey key, Target target);

    @Override
    default void close() {
    }
}
