package io.ipvsd.daemon;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import io.ipvsd.daemon.control.ControlServer;
import io.ipvsd.daemon.desired.DesiredStateBuilder;
import io.ipvsd.daemon.health.HealthChange;
import io.ipvsd.daemon.health.HealthMonitor;
import io.ipvsd.daemon.health.NotifyHook;
import io.ipvsd.daemon.health.PoolOutcome;
import io.ipvsd.daemon.health.ServicePool;
import io.ipvsd.daemon.config.VirtualServiceConfig;
import io.ipvsd.daemon.desired.KernelTerms;
import io.ipvsd.daemon.reconcile.TickReport;
import io.ipvsd.daemon.desired.TrackedServices;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.daemon.vrrp.runtime.VrrpRuntime;
import io.ipvsd.daemon.vrrp.runtime.VrrpSetup;
import io.ipvsd.ipvs.ServiceKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon: a loop that reconciles every interval, and at once when the config file changes,
 * on SIGHUP, or when a health check changes a real server's state. A config that fails to load
 * is logged and ignored; the last good one keeps running. Stopping leaves the kernel as it is.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    /** How often the config file's timestamp is looked at between ticks. */
    private static final long FILE_POLL_MS = 1_000;
    private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(10);

    private final Path configPath;
    private final Engine engine;
    private final HealthMonitor health;
    private final ControlServer control;
    private final Status status;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Map<ServiceKey, Boolean> quorumUp = new HashMap<>();
    private final Map<ServiceKey, NotifyHook> notifyHooks = new HashMap<>();
    /** Started with the first file that declares VRRP instances or static addresses; then kept. */
    private volatile VrrpRuntime vrrp;
    private Config config;
    private FileStamp configStamp;
    private boolean tickRequested;
    private boolean reloadRequested;
    private volatile boolean stopping;

    private Daemon(Path configPath, Config config, FileStamp stamp, Engine engine) throws IOException {
        this.configPath = configPath;
        this.config = config;
        this.configStamp = stamp;
        this.engine = engine;
        this.status = new Status(configPath, Instant.now());
        this.health = HealthMonitor.start(this::healthChanged);
        this.control = new ControlServer(config.daemon().controlSocket(), this::answer);
        status.configLoaded();
        applyConfig(config);
        try {
            configureVrrp(config);
        } catch (IOException | RuntimeException e) {
            health.close();
            control.close();
            throw e;
        }
    }

    /**
     * Loads the config (it must be valid to start), opens the kernel interfaces and the control
     * socket, and starts health checks. Call {@link #run()} next.
     */
    public static Daemon start(Path configPath, Config config) throws IOException {
        FileStamp stamp = FileStamp.of(configPath);
        Engine engine = Engine.open(config);
        try {
            return new Daemon(configPath, config, stamp, engine);
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** Ticks until {@link #stop()}. */
    public void run() {
        LOG.info("ipvsd running with {} ({} services), control socket {}", configPath, config.services().size(),
                control.path());
        while (!stopping) {
            reloadIfChanged();
            tick();
            waitForNextTick();
        }
    }

    private void tick() {
        Config current;
        lock.lock();
        try {
            current = config;
            tickRequested = false;
        } finally {
            lock.unlock();
        }
        Map<TargetKey, TargetStatus> healthNow = health.snapshot();
        VrrpRuntime v = vrrp;
        if (v != null) {
            v.serviceFaults(TrackedServices.faults(current, healthNow));
        }
        DesiredStateBuilder.Result desired = DesiredStateBuilder.build(current, healthNow, Map.copyOf(quorumUp),
                instance -> v != null && v.stateOf(instance).equals("MASTER"));
        trackQuorum(current, desired.outcomes());
        TickReport report = engine.reconcile(desired, current);
        status.ticked(report);
        if (report.error() != null) {
            LOG.error("reconcile failed: {}", report.error());
        } else if (!report.plan().isEmpty()) {
            LOG.info("applied {} of {} changes in {} ms{}", report.applied(), report.plan().operations().size(),
                    report.duration().toMillis(), report.failures().isEmpty() ? "" : ", " + report.failures().size() + " refused");
            for (String line : report.plan().render().split("\n")) {
                LOG.info("  {}", line);
            }
        } else {
            LOG.debug("kernel matches the config ({} ms)", report.duration().toMillis());
        }
    }

    private void trackQuorum(Config current, Map<ServiceKey, PoolOutcome> outcomes) {
        for (VirtualServiceConfig s : current.services()) {
            ServiceKey key = KernelTerms.serviceKey(s.key());
            PoolOutcome outcome = outcomes.get(key);
            quorumUp.put(key, outcome.quorumUp());
            NotifyHook hook;
            lock.lock();
            try {
                hook = notifyHooks.get(key);
            } finally {
                lock.unlock();
            }
            if (hook != null) {
                hook.quorumChanged(new ServicePool(key.toString(), List.of(), s.inhibitOnFailure(), null, s.quorum(),
                        s.quorumHysteresis()), outcome);
            }
        }
    }

    private void healthChanged(HealthChange change) {
        lock.lock();
        try {
            notifyHooks.entrySet().stream().filter(e -> e.getKey().toString().equals(change.key().service()))
                    .forEach(e -> e.getValue().realServerChanged(change));
            if (change.stateChanged() || change.weightChanged()) {
                tickRequested = true;
                wake.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** SIGHUP: reload the config file and tick now. */
    public void requestReload() {
        lock.lock();
        try {
            reloadRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void reloadIfChanged() {
        FileStamp now;
        try {
            now = FileStamp.of(configPath);
        } catch (IOException e) {
            LOG.error("cannot read {}: {}; keeping the running configuration", configPath, e.getMessage());
            return;
        }
        boolean forced;
        lock.lock();
        try {
            forced = reloadRequested;
            reloadRequested = false;
        } finally {
            lock.unlock();
        }
        if (!forced && now.equals(configStamp)) {
            return;
        }
        configStamp = now;
        LoadResult result = ConfigLoader.load(configPath);
        if (result instanceof LoadResult.Failed failed) {
            status.configRejected(failed.errors(), Instant.now());
            LOG.error("{} has {} error(s); keeping the running configuration:", configPath, failed.errors().size());
            failed.errors().forEach(e -> LOG.error("  {}", e));
            return;
        }
        Config loaded = ((LoadResult.Loaded) result).config();
        ((LoadResult.Loaded) result).warnings().forEach(w -> LOG.warn("{}", w));
        lock.lock();
        try {
            config = loaded;
        } finally {
            lock.unlock();
        }
        status.configLoaded();
        applyConfig(loaded);
        try {
            configureVrrp(loaded);
        } catch (IOException e) {
            LOG.error("cannot start VRRP: {}", e.getMessage());
        }
        LOG.info("loaded {} ({} services, {} VRRP instances)", configPath, loaded.services().size(),
                loaded.vrrpInstances().size());
    }

    /** Health targets and notify hooks follow the config; unchanged targets keep their state. */
    private void applyConfig(Config c) {
        health.update(DesiredStateBuilder.targets(c));
        Map<ServiceKey, NotifyHook> hooks = new HashMap<>();
        for (VirtualServiceConfig s : c.services()) {
            hooks.put(KernelTerms.serviceKey(s.key()), new NotifyHook(s.notifyCommand(), NOTIFY_TIMEOUT));
        }
        lock.lock();
        try {
            notifyHooks.values().forEach(NotifyHook::close);
            notifyHooks.clear();
            notifyHooks.putAll(hooks);
        } finally {
            lock.unlock();
        }
    }

    /** VRRP follows the file: started when it first declares instances or addresses, then reconfigured. */
    private void configureVrrp(Config c) throws IOException {
        VrrpSetup setup = VrrpSetup.of(c);
        if (vrrp != null) {
            vrrp.configure(setup);
        } else if (!setup.isEmpty()) {
            vrrp = VrrpRuntime.start(setup, instance -> requestTick());
        }
    }

    /** A VRRP transition: tick now, so the IPVS sync daemon follows the instance at once. */
    private void requestTick() {
        lock.lock();
        try {
            tickRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void waitForNextTick() {
        long deadline = System.nanoTime() + config.daemon().interval().toNanos();
        lock.lock();
        try {
            while (!stopping && !tickRequested && !reloadRequested) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wake.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(FILE_POLL_MS)), TimeUnit.NANOSECONDS);
                if (fileChanged()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    private boolean fileChanged() {
        try {
            return !FileStamp.of(configPath).equals(configStamp);
        } catch (IOException e) {
            return false;
        }
    }

    private String answer(String request) {
        if (!request.equals("status")) {
            return "{\"error\":\"unknown request; try: status\"}";
        }
        VrrpRuntime v = vrrp;
        return status.toJson(health.snapshot(), v == null ? List.of() : v.status(), v == null ? Map.of() : v.addresses());
    }

    public void stop() {
        stopping = true;
        VrrpRuntime v = vrrp;
        if (v != null) {
            v.requestStop(); // priority 0 now, not after the pass that may be running
        }
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Releases sockets and threads; the kernel's IPVS and nf_tables state stays as it is. */
    @Override
    public void close() {
        stop();
        if (vrrp != null) {
            vrrp.close();
        }
        health.close();
        notifyHooks.values().forEach(NotifyHook::close);
        try {
            control.close();
        } catch (IOException e) {
            LOG.warn("closing the control socket: {}", e.getMessage());
        }
        engine.close();
    }

    /** Identifies a version of the config file cheaply: a change of any field triggers a reload. */
    record FileStamp(Object fileKey, long size, long modifiedMillis) {
        static FileStamp of(Path p) throws IOException {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new FileStamp(Objects.requireNonNullElse(a.fileKey(), ""), a.size(), a.lastModifiedTime().toMillis());
        }
    }
}
