package io.ipvsd.daemon.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every health transition and runs the configured notify command for it, with the details in
 * its environment: {@code IPVSD_EVENT} (rs_up, rs_down, quorum_lost, quorum_up), {@code IPVSD_VS},
 * {@code IPVSD_RS_ADDR}, {@code IPVSD_RS_PORT} (real server events only) and {@code IPVSD_REASON}.
 *
 * <p>Commands run one at a time on a thread of their own, in the order of the events (a script sees a
 * server go down before it sees it come back), each killed at the timeout; callers never wait for them.
 */
public final class NotifyHook implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NotifyHook.class);

    private final List<String> command;
    private final Duration timeout;
    /** null when there is no command: a hook per service, 10,000 at the scale target, mostly only log. */
    private final ExecutorService runner;

    /**
     * @param command argv of the notify command; empty to only log
     * @param timeout the command is killed (with its children) after this long
     */
    public NotifyHook(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.runner = command.isEmpty() ? null : Executors.newSingleThreadExecutor(Threads.daemon("ipvsd-notify"));
    }

    /** For every {@link HealthChange}: logs it, and runs the command if the state changed. */
    public void realServerChanged(HealthChange change) {
        TargetKey key = change.key();
        TargetStatus after = change.after();
        String reason = after.lastResult() == null ? "" : after.lastResult().reason();
        if (!change.stateChanged()) {
            log.info("real server {} weight {} -> {}: {}", key, change.before().weight(), after.weight(), reason);
            return;
        }
        String results = after.up() ? plural(after.consecutive(), "success", "successes")
                : plural(after.consecutive(), "failure", "failures");
        if (after.up()) {
            log.info("real server {} is UP after {}: {}", key, results, reason);
        } else {
            log.warn("real server {} is DOWN after {}: {}", key, results, reason);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IPVSD_EVENT", after.up() ? "rs_up" : "rs_down");
        env.put("IPVSD_VS", key.service());
        env.put("IPVSD_RS_ADDR", key.address().getHostAddress());
        env.put("IPVSD_RS_PORT", Integer.toString(key.port()));
        env.put("IPVSD_REASON", reason);
        run(env);
    }

    /** For a {@link PoolOutcome} of {@code pool}: logs and runs the command if the quorum changed. */
    public void quorumChanged(ServicePool pool, PoolOutcome outcome) {
        if (outcome.quorumChange() == QuorumChange.NONE) {
            return;
        }
        boolean lost = outcome.quorumChange() == QuorumChange.LOST;
        String reason = lost
                ? "up weight " + outcome.upWeight() + " < quorum " + pool.quorum() + " - hysteresis " + pool.hysteresis()
                : "up weight " + outcome.upWeight() + " >= quorum " + pool.quorum() + " + hysteresis "
                        + pool.hysteresis();
        String sorry = outcome.sorryServerActive() && pool.sorryServer() != null
                ? ", sorry server " + TargetKey.hostPort(pool.sorryServer().address(), pool.sorryServer().port()) + " in service"
                : "";
        if (lost) {
            log.warn("virtual service {} lost quorum: {}{}", pool.service(), reason, sorry);
        } else {
            log.info("virtual service {} regained quorum: {}", pool.service(), reason);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IPVSD_EVENT", lost ? "quorum_lost" : "quorum_up");
        env.put("IPVSD_VS", pool.service());
        env.put("IPVSD_REASON", reason);
        run(env);
    }

    public List<String> command() {
        return command;
    }

    /**
     * For a hook a reload replaces: takes no new events, but the running command finishes (bounded
     * by its timeout) and the queued ones still run, in order; the thread ends after the last.
     */
    public void retire() {
        if (runner != null) {
            runner.shutdown();
        }
    }

    /** Stopping ipvsd: the running command is killed and queued ones are dropped. */
    @Override
    public void close() {
        if (runner != null) {
            runner.shutdownNow();
        }
    }

    private void run(Map<String, String> env) {
        if (runner == null) {
            return;
        }
        try {
            runner.execute(() -> report(env, CommandRunner.run(command, env, timeout)));
        } catch (RejectedExecutionException e) {
            log.debug("notify hook closed, not running it for {}", env);
        }
    }

    private void report(Map<String, String> env, CommandRunner.Outcome outcome) {
        String event = env.get("IPVSD_EVENT") + " " + env.get("IPVSD_VS")
                + (env.containsKey("IPVSD_RS_ADDR") ? " " + env.get("IPVSD_RS_ADDR") + ":" + env.get("IPVSD_RS_PORT") : "");
        if (outcome instanceof CommandRunner.NotStarted notStarted) {
            log.warn("notify command for {} could not start: {}", event, notStarted.error());
        } else if (outcome instanceof CommandRunner.TimedOut) {
            log.warn("notify command for {} killed after {}ms", event, timeout.toMillis());
        } else if (outcome instanceof CommandRunner.Stopped) {
            log.warn("notify command for {} killed: ipvsd is stopping", event);
        } else if (outcome instanceof CommandRunner.Exited exited && exited.code() != 0) {
            log.warn("notify command for {} exited with {}", event, exited.code());
        }
    }

    private static String plural(int count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }
}
