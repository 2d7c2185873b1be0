package io.ipvsd.daemon.health;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
                    kept.counter.configuredWeight(entry.getValue().weight());
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
            monitored.forEach((key, m) -> statuses.put(key, m.counter.status()));
            return Collections.unmodifiableMap(statuses);
        }
    }

    public Optional<TargetStatus> status(TargetKey key) {
        synchronized (lock) {
            Monitored m = monitored.get(key);
            return m == null ? Optional.empty() : Optional.of(m.counter.status());
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
            return new Monitored(key, target, HealthCounter.alwaysUp(target.weight(), now));
        }
        Monitored m = new Monitored(key, target, new HealthCounter(policy, target.weight(), now));
        Duration warmupLeft = Duration.between(now, started.plus(policy.warmup()));
        Duration delay = (warmupLeft.isNegative() ? Duration.ZERO : warmupLeft).plus(jitter.first(policy.interval()));
        m.next = scheduler.schedule(delay, () -> runCheck(m));
        return m;
    }

    private void runCheck(Monitored m) {
        Target target;
        synchronized (lock) {
            if (m.retired) {
                return;
            }
            m.checkStarted = scheduler.now();
            target = m.target;
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
            scheduler.execute(() -> complete(m, outcome));
        });
    }

    private void complete(Monitored m, CheckResult result) {
        HealthChange change;
        synchronized (lock) {
            if (m.retired) {
                return;
            }
            Instant now = scheduler.now();
            // Scheduled first: whatever fails below, this target is checked again.
            m.next = scheduler.schedule(jitter.around(nextDelay(m, result, now)), () -> runCheck(m));
            TargetStatus before = m.counter.status();
            TargetStatus after = m.counter.record(result, now);
            change = new HealthChange(m.key, m.target, before, after);
        }
        if (change.stateChanged() || change.weightChanged()) {
            try {
                listener.changed(change);
            } catch (RuntimeException e) {
                log.error("health listener failed on {}", change, e);
            }
        }
    }

    private static Duration nextDelay(Monitored m, CheckResult result, Instant now) {
        CheckPolicy policy = m.target.policy();
        if (!result.ok()) {
            return policy.retryDelay();
        }
        // Keep a steady cadence: the check's own duration is part of the interval, never more than all of it.
        Duration elapsed = Duration.between(m.checkStarted, now);
        Duration left = policy.interval().minus(elapsed);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** One monitored target; mutable fields are guarded by the monitor's lock. */
    private static final class Monitored {
        final TargetKey key;
        final HealthCounter counter;
        Target target;
        CheckScheduler.Cancellable next;
        Instant checkStarted;
        /** Set when the target was removed or restarted: results of checks still running are dropped. */
        boolean retired;

        Monitored(TargetKey key, Target target, HealthCounter counter) {
            this.key = key;
            this.target = target;
            this.counter = counter;
        }

        void retire() {
            retired = true;
            if (next != null) {
                next.cancel();
            }
        }
    }
}
