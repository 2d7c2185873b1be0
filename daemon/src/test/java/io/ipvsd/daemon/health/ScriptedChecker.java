package io.ipvsd.daemon.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A checker whose results the test sets per target; it records when each check started. */
final class ScriptedChecker implements Checker {
    private final Map<TargetKey, CheckResult> results = new HashMap<>();
    /** Results by check, before those by target: for targets with several checks. */
    private final Map<CheckSpec, CheckResult> resultsBySpec = new HashMap<>();
    private final List<CheckSpec> startedSpecs = new ArrayList<>();
    private final List<TargetKey> started = new ArrayList<>();
    private final List<CompletableFuture<CheckResult>> held = new ArrayList<>();
    private boolean holding;
    private Error throwNext;

    /** The next check throws {@code error} instead of returning a result. */
    void throwOnNext(Error error) {
        throwNext = error;
    }

    void answer(CheckSpec spec, CheckResult result) {
        resultsBySpec.put(spec, result);
    }

    long checksOf(CheckSpec spec) {
        return startedSpecs.stream().filter(spec::equals).count();
    }

    void answer(TargetKey key, CheckResult result) {
        results.put(key, result);
    }

    /** From now on checks stay running until {@link #release} completes them. */
    void hold() {
        holding = true;
    }

    void release(CheckResult result) {
        holding = false;
        held.forEach(future -> future.complete(result));
        held.clear();
    }

    List<TargetKey> started() {
        return started;
    }

    long checksOf(TargetKey key) {
        return started.stream().filter(key::equals).count();
    }

    @Override
    public CompletableFuture<CheckResult> check(TargetKey key, Target target) {
        started.add(key);
        startedSpecs.add(target.policy().spec());
        if (throwNext != null) {
            Error error = throwNext;
            throwNext = null;
            throw error;
        }
        if (holding) {
            CompletableFuture<CheckResult> future = new CompletableFuture<>();
            held.add(future);
            return future;
        }
        CheckResult bySpec = resultsBySpec.get(target.policy().spec());
        return CompletableFuture.completedFuture(bySpec != null ? bySpec
                : results.getOrDefault(key, CheckResult.success("scripted")));
    }
}
