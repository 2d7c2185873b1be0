package io.ipvsd.daemon;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.control.ControlServer;
import io.ipvsd.daemon.health.HealthMonitor;
import io.ipvsd.daemon.state.StateDirLock;
import io.ipvsd.ipvs.Endpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon: the state_dir lock, the kernel interfaces ({@link Engine}), health checks, the
 * {@link DaemonLoop} and the control socket, started in that order and closed in reverse. A
 * config that fails to load is logged and ignored; the last good one keeps running. Stopping
 * leaves the kernel as it is.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(10);
    /** Reads new versions of the file while the loop goes on; idle between reloads, never holds the JVM. */
    private static final Executor CONFIG_READER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "config-reader");
        t.setDaemon(true);
        return t;
    });

    private final Path configPath;
    private final StateDirLock stateLock;
    private final Engine engine;
    private final HealthMonitor health;
    private final DaemonLoop loop;
    private final ControlServer control;

    private Daemon(Path configPath, StateDirLock stateLock, Engine engine, HealthMonitor health, DaemonLoop loop,
                   ControlServer control) {
        this.configPath = configPath;
        this.stateLock = stateLock;
        this.engine = engine;
        this.health = health;
        this.loop = loop;
        this.control = control;
    }

    /**
     * Takes the state_dir lock (a second daemon stops here, with {@link StateDirLock.HeldException},
     * before it touches the control socket or the kernel), opens the kernel interfaces and the
     * control socket, and starts health checks. Call {@link #run()} next.
     */
    public static Daemon start(Path configPath, Config config) throws IOException {
        StateDirLock lock = StateDirLock.acquire(config.daemon().stateDir());
        try {
            FileStamp stamp = FileStamp.of(configPath);
            Engine engine = Engine.open(config);
            try {
                return start(configPath, config, stamp, lock, engine, Clock.systemUTC(), CONFIG_READER);
            } catch (IOException | RuntimeException e) {
                engine.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** As the daemon starts, but a new file is read on the loop thread (tests drive passes one by one). */
    static Daemon start(Path configPath, Config config, FileStamp stamp, StateDirLock lock, Engine engine, Clock clock)
            throws IOException {
        return start(configPath, config, stamp, lock, engine, clock, Runnable::run);
    }

    /**
     * With the lock and the engine given: on failure, everything started here is stopped again.
     *
     * @param configReader where a new version of the file is read and validated
     */
    static Daemon start(Path configPath, Config config, FileStamp stamp, StateDirLock lock, Engine engine, Clock clock,
                        Executor configReader) throws IOException {
        Status status = new Status(configPath, clock.instant());
        AtomicReference<DaemonLoop> loopRef = new AtomicReference<>();
        HealthMonitor health = HealthMonitor.start(change -> loopRef.get().healthChanged(change));
        DaemonLoop loop = new DaemonLoop(configPath, config, stamp, engine, health::snapshot, health::update, status,
                clock, new NotifyHooks(NOTIFY_TIMEOUT), configReader);
        loopRef.set(loop);
        try {
            health.observeChecks(loop.metrics().checks());
            if (config.metrics().enabled()) {
                LOG.info("metrics on http://{}/metrics", Endpoints.format(config.metrics().address(),
                        loop.metrics().serve(config.metrics().listen()).getPort()));
            }
            loop.begin();
            ControlServer control = new ControlServer(config.daemon().controlSocket(),
                    new ControlHandler(loop, status, health::snapshot));
            return new Daemon(configPath, lock, engine, health, loop, control);
        } catch (IOException | RuntimeException e) {
            loop.close();
            health.close();
            throw e;
        }
    }

    /** Passes until {@link #stop()}. */
    public void run() {
        LOG.info("ipvsd running with {}, control socket {}", configPath, control.path());
        loop.run();
    }

    /** SIGHUP: reload the config file and tick now. */
    public void requestReload() {
        loop.requestReload(false);
    }

    public void stop() {
        loop.stop();
    }

    /** Releases sockets, threads and the lock; the kernel's IPVS and nf_tables state stays as it is. */
    @Override
    public void close() {
        loop.close();
        health.close();
        try {
            control.close();
        } catch (IOException e) {
            LOG.warn("closing the control socket: {}", e.getMessage());
        }
        engine.close();
        try {
            stateLock.close();
        } catch (IOException e) {
            LOG.warn("releasing the state_dir lock: {}", e.getMessage());
        }
    }
}
