package io.ipvsd.daemon;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.VirtualServiceConfig;
import io.ipvsd.daemon.desired.KernelTerms;
import io.ipvsd.daemon.health.HealthChange;
import io.ipvsd.daemon.health.NotifyHook;
import io.ipvsd.daemon.health.PoolOutcome;
import io.ipvsd.daemon.health.ServicePool;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Each service's notify hook, kept across reloads: a hook whose service and command are unchanged
 * is the same hook after a reload (a `touch` of the file neither kills a running command nor
 * drops a queued event); a hook whose command changed or whose service is gone is retired (its
 * queue still runs to the end). Called from the loop and the health threads.
 */
final class NotifyHooks implements AutoCloseable {
    private final Duration timeout;
    /** By the service's text, as health changes name it. */
    private final Map<String, NotifyHook> hooks = new HashMap<>();

    NotifyHooks(Duration timeout) {
        this.timeout = timeout;
    }

    synchronized void update(Config config) {
        Map<String, NotifyHook> next = new HashMap<>();
        for (VirtualServiceConfig s : config.services()) {
            String service = KernelTerms.serviceKey(s.key()).toString();
            NotifyHook kept = hooks.get(service);
            next.put(service, kept != null && kept.command().equals(s.notifyCommand()) ? kept
                    : new NotifyHook(s.notifyCommand(), timeout));
        }
        hooks.forEach((service, hook) -> {
            if (next.get(service) != hook) {
                hook.retire();
            }
        });
        hooks.clear();
        hooks.putAll(next);
    }

    synchronized void realServerChanged(HealthChange change) {
        NotifyHook hook = hooks.get(change.key().service());
        if (hook != null) {
            hook.realServerChanged(change);
        }
    }

    synchronized void quorumChanged(ServicePool pool, PoolOutcome outcome) {
        NotifyHook hook = hooks.get(pool.service());
        if (hook != null) {
            hook.quorumChanged(pool, outcome);
        }
    }

    /** Stopping: running commands are killed, queued ones dropped. */
    @Override
    public synchronized void close() {
        hooks.values().forEach(NotifyHook::close);
        hooks.clear();
    }
}
