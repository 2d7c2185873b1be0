package io.ipvsd.daemon.health;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every target on its own schedule and keeps its rise/fall state.
 *
 * <p>Scheduling: a new target's first check comes after the policy's warm-up (counted from the
 * monitor's start, so targets added by a later reload are not held back) plus a random offset within
 * one interval; after a success the next check starts {@code interval} after the previous one started,
 * after a failure {@code retryDelay} after the failure was seen, each with a few percent of jitter.
 *
 * <p>A target with several checks ({@link AllChecks}) runs each on its own schedule with its own
 * rise/fall count; the target is UP while every check is UP, so it goes DOWN when any check reaches
 * its {@code fall} and comes back UP when the last DOWN check reaches its {@code rise}.
 *
 * <p>Threads: all scheduling, state changes and listener calls happen on the scheduler's thread;
 * checks run on the checker's own threads. {@link #update} and {@link #snapshot} may be called from
 * any thread.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    private final Checker checker;
    private final CheckScheduler scheduler;
    private final Jitter jitter;
    private final HealthListener listener;
    private final Instant started;
    /** Guards the map, every {@link Monitored}'s mutable fields, the jitter's random source and {@code closed}. */
    private final Object lock = new Object();
    private final Map<TargetKey, Monitored> monitored = new HashMap<>();
    private boolean closed;
    private volatile CheckObserver checkObserver = CheckObserver.NONE;

    public HealthMonitor(Checker checker, CheckScheduler scheduler, Jitter jitter, HealthListener listener) {
        this.checker = checker;
        this.scheduler = scheduler;
        this.jitter = jitter;
        this.listener = listener;
        this.started = scheduler.now();
    }

    /** The production monitor: real network and exec checkers, one scheduler thread, random jitter. */
    public static HealthMonitor start(HealthListener listener) throws IOException {
        return new HealthMonitor(CheckRunner.start(), new ThreadCheckScheduler(), Jitter.random(), listener);
    }

    /** Who is told about every completed check from now on. */
    public void observeChecks(CheckObserver observer) {
        checkObserver = observer;
    }

    /**
     * Makes the monitored set equal to {@code targets}. A target whose key and policy are unchanged keeps
     * its state and schedule (a reload does not make servers flap); one whose policy changed starts over
     * from its initial state; one no longer listed stops being checked. Calls no listener.
     */
    public void update(Map<TargetKey, Target> targets) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("health monitor is closed");
            }
            Iterator<Monitored> it = monitored.values().iterator();
            while (it.hasNext()) {
                Monitored m = it.next();
                Target wanted = targets.get(m.key);
                if (wanted == null || !wanted.policy().equals(m.target.policy())) {
                    m.retire();
                    it.remove();
                }
            }
            for (Map.Entry<TargetKey, Target> entry : targets.entrySet()) {
                Monitored kept = monitored.get(entry.getKey());
                if (kept != null) {
                    kept.target = entry.getValue();
                    kept.configuredWeight(entry.getValue().weight());
                } else {
                    monitored.put(entry.getKey(), begin(entry.getKey(), entry.getValue()));
                }
            }
        }
    }

    /** Status of every monitored target. */
    public Map<TargetKey, TargetStatus> snapshot() {
        synchronized (lock) {
            Map<TargetKey, TargetStatus> statuses = new HashMap<>(monitored.size() * 4 / 3 + 1);
            monitored.forEach((key, m) -> statuses.put(key, m.status()));
            return Collections.unmodifiableMap(statuses);
        }
    }

    public Optional<TargetStatus> status(TargetKey key) {
        synchronized (lock) {
            Monitored m = monitored.get(key);
            return m == null ? Optional.empty() : Optional.of(m.status());
        }
    }

    /** Stops all checks and the threads of the scheduler and checker. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            monitored.values().forEach(Monitored::retire);
            monitored.clear();
        }
        scheduler.close();
        checker.close();
    }

    private Monitored begin(TargetKey key, Target target) {
        Instant now = scheduler.now();
        CheckPolicy policy = target.policy();
        if (policy.spec() instanceof NoCheck) {
            return new Monitored(key, target, List.of(new Part(policy, HealthCounter.alwaysUp(target.weight(), now))), now);
        }
        List<CheckPolicy> policies = policy.spec() instanceof AllChecks all ? all.checks() : List.of(policy);
        List<Part> parts = new ArrayList<>(policies.size());
        for (CheckPolicy p : policies) {
            parts.add(new Part(p, new HealthCounter(p, target.weight(), now)));
        }
        Monitored m = new Monitored(key, target, parts, now);
        for (Part part : parts) {
            Duration warmupLeft = Duration.between(now, started.plus(part.policy.warmup()));
            Duration delay = (warmupLeft.isNegative() ? Duration.ZERO : warmupLeft)
                    .plus(jitter.first(part.policy.interval()));
            part.next = scheduler.schedule(delay, () -> runCheck(m, part));
        }
        return m;
    }

    private void runCheck(Monitored m, Part part) {
        Target target;
        synchronized (lock) {
            if (m.retired) {
                return;
            }
            part.checkStarted = scheduler.now();
            // Checkers see one check at a time: the target with this part's policy.
            target = m.parts.size() == 1 ? m.target
                    : new Target(m.target.address(), m.target.port(), m.target.weight(), part.policy);
        }
        CompletableFuture<CheckResult> result;
        try {
            result = Objects.requireNonNull(checker.check(m.key, target), "checker returned no result");
        } catch (RuntimeException | LinkageError e) {
            // A bug or a broken class (a TLS provider that fails to initialise) in one check is a
            // failed check: the target stays scheduled and its status says why.
            log.error("check of {} could not start", m.key, e);
            result = CompletableFuture.completedFuture(CheckResult.failure("check could not start: " + e));
        }
        result.whenComplete((r, error) -> {
            CheckResult outcome = r != null ? r : CheckResult.failure("check failed: " + error);
            scheduler.execute(() -> complete(m, part, outcome));
        });
    }

    private void complete(Monitored m, Part part, CheckResult result) {
        HealthChange change;
        Duration took;
        synchronized (lock) {
            if (m.retired) {
                return;
            }
            Instant now = scheduler.now();
            took = Duration.between(part.checkStarted, now);
            // Scheduled first: whatever fails below, this target is checked again.
            part.next = scheduler.schedule(jitter.around(nextDelay(part, result, now)), () -> runCheck(m, part));
            TargetStatus before = m.status();
            part.counter.record(result, now);
            m.lastRecorded = part;
            TargetStatus after = m.status();
            if (after.state() != before.state()) {
                m.lastChange = now;
                after = m.status();
            }
            change = new HealthChange(m.key, m.target, before, after);
        }
        try {
            checkObserver.checked(m.key, result, took);
        } catch (RuntimeException e) {
            log.error("check observer failed on {}", m.key, e);
        }
        if (change.stateChanged() || change.weightChanged()) {
            try {
                listener.changed(change);
            } catch (RuntimeException e) {
                log.error("health listener failed on {}", change, e);
            }
        }
    }

    private static Duration nextDelay(Part part, CheckResult result, Instant now) {
        CheckPolicy policy = part.policy;
        if (!result.ok()) {
            return policy.retryDelay();
        }
        // Keep a steady cadence: the check's own duration is part of the interval, never more than all of it.
        Duration elapsed = Duration.between(part.checkStarted, now);
        Duration left = policy.interval().minus(elapsed);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** One check of a target; mutable fields are guarded by the monitor's lock. */
    private static final class Part {
        final CheckPolicy policy;
        final HealthCounter counter;
        CheckScheduler.Cancellable next;
        Instant checkStarted;

        Part(CheckPolicy policy, HealthCounter counter) {
            this.policy = policy;
            this.counter = counter;
        }
    }

    /** One monitored target; mutable fields are guarded by the monitor's lock. */
    private static final class Monitored {
        final TargetKey key;
        final List<Part> parts;
        Target target;
        /** The part whose result came last: its result is the one the status shows while all are up. */
        Part lastRecorded;
        /** When the combined state last changed. */
        Instant lastChange;
        /** Set when the target was removed or restarted: results of checks still running are dropped. */
        boolean retired;

        Monitored(TargetKey key, Target target, List<Part> parts, Instant started) {
            this.key = key;
            this.target = target;
            this.parts = parts;
            this.lastChange = started;
        }

        void configuredWeight(int weight) {
            parts.forEach(p -> p.counter.configuredWeight(weight));
        }

        /**
         * The combined status: UP when every part is UP. Its result and count are those of the first
         * DOWN part, else of the last part to report; its weight is the first weight a check reported,
         * else the configured one.
         */
        TargetStatus status() {
            if (parts.size() == 1) {
                return parts.get(0).counter.status();
            }
            Part shown = parts.stream().filter(p -> !p.counter.status().up()).findFirst()
                    .orElse(lastRecorded != null ? lastRecorded : parts.get(0));
            TargetStatus own = shown.counter.status();
            int weight = parts.stream().map(p -> p.counter.reportedWeight()).filter(OptionalInt::isPresent)
                    .mapToInt(OptionalInt::getAsInt).findFirst().orElse(target.weight());
            boolean allUp = parts.stream().allMatch(p -> p.counter.status().up());
            return new TargetStatus(allUp ? HealthState.UP : HealthState.DOWN, own.lastResult(), own.consecutive(),
                    lastChange, weight);
        }

        void retire() {
            retired = true;
            for (Part part : parts) {
                if (part.next != null) {
                    part.next.cancel();
                }
            }
        }
    }
}
