package io.ipvsd.daemon.systemd;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.daemon.reconcile.TickReport;
import io.ipvsd.daemon.vrrp.runtime.InstanceStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon loop tells systemd (sd_notify(3)), and when:
 * <ul>
 * <li>{@code READY=1} once a pass has converged (observed the kernel and applied every change),
 *     so `systemctl start` returns when the kernel matches the file; or, at start, once the file
 *     is held by the removal guard (the daemon must run for the operator to confirm it);</li>
 * <li>{@code RELOADING=1} with {@code MONOTONIC_USEC} in the same datagram, then {@code READY=1},
 *     around every reload (SIGHUP, `ipvsctl reload`, a changed file);</li>
 * <li>{@code STATUS=} after each pass ({@link StatusLine});</li>
 * <li>{@code WATCHDOG=1} from the loop thread, at most a quarter of {@code WATCHDOG_USEC} apart, so
 *     a loop stuck in a pass stops sending and systemd restarts the daemon;</li>
 * <li>{@code STOPPING=1} on SIGTERM.</li>
 * </ul>
 * Without {@code NOTIFY_SOCKET} ({@link #fromEnvironment()}) nothing is sent. A send that fails is
 * logged once and never stops the loop.
 */
public final class SystemdNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** Where the datagrams go. */
    public interface Sink {
        void send(String datagram) throws IOException;
    }

    private static final SystemdNotifier DISABLED = new SystemdNotifier(null, 0, System::nanoTime, Clock.systemDefaultZone());

    private final Sink sink;
    private final long watchdogNanos;
    private final LongSupplier monotonicNanos;
    private final Clock clock;
    private boolean ready;
    private boolean stopping;
    private boolean sendFailed;
    private long lastWatchdog;
    private boolean watchdogSent;
    private String lastStatus = "starting";
    /** Appended to STATUS= while the last reload was not accepted. */
    private String reloadProblem;

    /**
     * @param watchdogNanos  WATCHDOG_USEC in nanoseconds, 0 for none
     * @param monotonicNanos CLOCK_MONOTONIC in nanoseconds (MONOTONIC_USEC must be on that clock)
     */
    SystemdNotifier(Sink sink, long watchdogNanos, LongSupplier monotonicNanos, Clock clock) {
        this.sink = sink;
        this.watchdogNanos = watchdogNanos;
        this.monotonicNanos = monotonicNanos;
        this.clock = clock;
    }

    /** From NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID; a notifier that sends nothing when unset. */
    public static SystemdNotifier fromEnvironment() {
        return from(System.getenv(), ProcessHandle.current().pid());
    }

    static SystemdNotifier from(Map<String, String> env, long pid) {
        String path = env.get("NOTIFY_SOCKET");
        if (path == null || path.isEmpty()) {
            return DISABLED;
        }
        Sink sink;
        try {
            sink = NotifySocket.open(path);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("cannot notify systemd at NOTIFY_SOCKET={}: {}", path, e.getMessage());
            return DISABLED;
        }
        // HotSpot's System.nanoTime() is clock_gettime(CLOCK_MONOTONIC) on Linux.
        return new SystemdNotifier(sink, watchdogNanos(env, pid), System::nanoTime, Clock.systemDefaultZone());
    }

    /** sd_watchdog_enabled(3): WATCHDOG_USEC, unless WATCHDOG_PID names another process. */
    static long watchdogNanos(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        String forPid = env.get("WATCHDOG_PID");
        if (usec == null || (forPid != null && !forPid.equals(Long.toString(pid)))) {
            return 0;
        }
        try {
            long micros = Long.parseLong(usec);
            return micros > 0 ? micros * 1_000 : 0;
        } catch (NumberFormatException e) {
            LOG.warn("ignoring WATCHDOG_USEC={}: not a number", usec);
            return 0;
        }
    }

    /** A pass completed: STATUS=, and READY=1 the first time one converged. */
    public synchronized void passed(TickReport pass, Config config, Map<TargetKey, TargetStatus> health,
                                    List<InstanceStatus> vrrp) {
        if (sink == null) {
            return;
        }
        String line = StatusLine.of(config, health, pass, vrrp, clock.getZone());
        if (ready) {
            lastStatus = line;
            send("STATUS=" + withReloadProblem());
        } else if (pass.ok()) {
            ready = true;
            lastStatus = line;
            send("READY=1\nSTATUS=" + withReloadProblem());
        } else {
            lastStatus = "starting, not converged yet: " + line;
            send("STATUS=" + withReloadProblem());
        }
    }

    /** A pass found the file held by the removal guard: the kernel is left alone until a confirmation. */
    public synchronized void held(String reason) {
        if (sink == null) {
            return;
        }
        lastStatus = StatusLine.oneLine("holding the file, kernel untouched until `ipvsctl reload --allow-removal`: " + reason);
        send((ready ? "" : "READY=1\n") + "STATUS=" + lastStatus);
        ready = true;
    }

    /** A reload begins. */
    public synchronized void reloading() {
        if (sink == null || !ready) {
            return; // before READY=1 systemd is still starting the unit: a reload is part of that
        }
        send("RELOADING=1\nMONOTONIC_USEC=" + monotonicNanos.getAsLong() / 1_000);
    }

    /** A reload ended; the running configuration is the new file only if it was accepted. */
    public synchronized void reloaded(boolean accepted) {
        if (sink == null) {
            return;
        }
        reloadProblem = accepted ? null : "reload at " + TIME.format(clock.instant().atZone(clock.getZone())
                .truncatedTo(ChronoUnit.SECONDS)) + " not accepted, previous configuration running";
        if (ready) {
            send("READY=1\nSTATUS=" + withReloadProblem());
        }
    }

    /** The loop is alive: WATCHDOG=1 when a quarter of the watchdog period has passed since the last one. */
    public synchronized void alive() {
        if (sink == null || watchdogNanos == 0) {
            return;
        }
        long now = monotonicNanos.getAsLong();
        if (!watchdogSent || now - lastWatchdog >= watchdogNanos / 4) {
            lastWatchdog = now;
            watchdogSent = true;
            send("WATCHDOG=1");
        }
    }

    /** SIGTERM: the daemon is going down (sent once). */
    public synchronized void stopping() {
        if (sink == null || stopping) {
            return;
        }
        stopping = true;
        send("STOPPING=1\nSTATUS=stopping; IPVS, nf_tables and sysctls stay as they are");
    }

    private String withReloadProblem() {
        return reloadProblem == null ? lastStatus : StatusLine.oneLine(lastStatus + "; " + reloadProblem);
    }

    private void send(String datagram) {
        try {
            sink.send(datagram);
        } catch (IOException e) {
            if (!sendFailed) {
                LOG.warn("cannot notify systemd: {}", e.getMessage());
                sendFailed = true;
            }
        }
    }
}
