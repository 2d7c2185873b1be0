package io.ipvsd.daemon.vrrp.runtime;

import io.ipvsd.daemon.health.CommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notify commands of one instance or sync group, run one at a time in the order of the
 * transitions (keepalived runs them concurrently and out of order: keepalived#996, #1055), each
 * killed at the timeout. It lives as long as its instance's name does, across reloads, so a
 * reload neither kills a running command nor drops a queued one.
 */
final class NotifyQueue {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyQueue.class);

    private final String owner;
    private final Duration timeout;
    private final ExecutorService runner;

    NotifyQueue(String owner, Duration timeout) {
        this.owner = owner;
        this.timeout = timeout;
        this.runner = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "ipvsd-vrrp-notify-" + owner);
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues the commands of one transition; they run in the given order after every earlier one. */
    void submit(String event, List<List<String>> commands) {
        for (List<String> command : commands) {
            if (command.isEmpty()) {
                continue;
            }
            try {
                runner.execute(() -> report(event, command, CommandRunner.run(command, Map.of(), timeout)));
            } catch (RejectedExecutionException e) {
                LOG.warn("({}) notify queue closed; not running {} for {}", owner, command, event);
            }
        }
    }

    private void report(String event, List<String> command, CommandRunner.Outcome outcome) {
        if (outcome instanceof CommandRunner.NotStarted notStarted) {
            LOG.warn("({}) notify {} for {} could not start: {}", owner, command.get(0), event, notStarted.error());
        } else if (outcome instanceof CommandRunner.TimedOut) {
            LOG.warn("({}) notify {} for {} killed after {} ms", owner, command.get(0), event, timeout.toMillis());
        } else if (outcome instanceof CommandRunner.Exited exited && exited.code() != 0) {
            LOG.warn("({}) notify {} for {} exited with {}", owner, command.get(0), event, exited.code());
        }
    }

    /** Lets the queued commands finish (each bounded by its timeout), then ends the thread. */
    void close(Duration wait) {
        runner.shutdown();
        try {
            if (!runner.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("({}) notify commands still running after {} ms; stopping them", owner, wait.toMillis());
                runner.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runner.shutdownNow();
        }
    }
}
