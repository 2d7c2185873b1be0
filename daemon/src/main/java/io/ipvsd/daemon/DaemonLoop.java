package io.ipvsd.daemon;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import io.ipvsd.daemon.desired.DesiredStateBuilder;
import io.ipvsd.daemon.desired.DesiredStateCache;
import io.ipvsd.daemon.desired.TrackedServices;
import io.ipvsd.daemon.health.HealthChange;
import io.ipvsd.daemon.health.Target;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.daemon.metrics.DaemonMetrics;
import io.ipvsd.daemon.plan.Operation;
import io.ipvsd.daemon.plan.Plan;
import io.ipvsd.daemon.reconcile.TickReport;
import io.ipvsd.daemon.state.StateFile;
import io.ipvsd.daemon.systemd.SystemdNotifier;
import io.ipvsd.daemon.vrrp.runtime.VrrpRuntime;
import io.ipvsd.daemon.vrrp.runtime.VrrpSetup;
import io.ipvsd.ipvs.ServiceKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's loop: a pass (reload if due, then reconcile) every interval, and at once when the
 * file has changed and settled, on SIGHUP or `ipvsctl reload`, when a health check changes a real
 * server's state, or on a VRRP transition. Nothing that fails in a pass ends the loop.
 *
 * <p>Threads: {@link #run()} and {@link #pass()} on the loop thread; the request methods from any.
 */
final class DaemonLoop {
    /** Logged as the daemon: operators grep these lines by that name. */
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    /** How often the config file's stamp is looked at between passes. */
    static final long FILE_POLL_MS = 1_000;
    /** How many intervals past its time a pass waits for a file being read (a minute at the default 5 s). */
    static final long READ_WAIT_INTERVALS = 12;
    /** The changes of one pass that are logged at INFO. */
    static final int CHANGES_LOGGED = 1_000;

    private final Path configPath;
    private final Engine engine;
    private final Supplier<Map<TargetKey, TargetStatus>> health;
    private final Consumer<Map<TargetKey, Target>> healthTargets;
    private final Status status;
    private final Clock clock;
    private final NotifyHooks notify;
    private final QuorumTracker quorum;
    private final DesiredStateCache desiredStates = new DesiredStateCache();
    private final ConfigWatch watch;
    private final DaemonMetrics metrics;
    /** A new file is read off this thread; the old configuration's passes go on meanwhile. */
    private final ConfigReading<ReloadRequest> reading;
    /** READY/RELOADING/STATUS/WATCHDOG/STOPPING for systemd; sends nothing without NOTIFY_SOCKET. */
    private final SystemdNotifier systemd = SystemdNotifier.fromEnvironment();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** Started with the first file that declares VRRP instances or static addresses; then kept. */
    private volatile VrrpRuntime vrrp;
    private Config config;
    /** Why the file at start is not applied yet (it would remove too much); null once it is. */
    private String held;
    private boolean tickRequested;
    private final List<ReloadRequest> reloadRequests = new ArrayList<>();
    private volatile boolean stopping;

    private record ReloadRequest(boolean allowRemoval, CompletableFuture<ReloadOutcome> outcome) {
    }

    DaemonLoop(Path configPath, Config config, FileStamp stamp, Engine engine,
               Supplier<Map<TargetKey, TargetStatus>> health, Consumer<Map<TargetKey, Target>> healthTargets,
               Status status, Clock clock, NotifyHooks notify, Executor configReader) {
        this.configPath = configPath;
        this.config = config;
        this.engine = engine;
        this.health = health;
        this.healthTargets = healthTargets;
        this.status = status;
        this.clock = clock;
        this.notify = notify;
        this.quorum = new QuorumTracker(notify);
        this.watch = new ConfigWatch(stamp);
        this.metrics = new DaemonMetrics(clock, Version.number(), this::interval, health,
                () -> vrrp == null ? List.of() : vrrp.status());
        this.reading = new ConfigReading<>(configPath, ConfigLoader::load, configReader, this::requestTick);
    }

    /**
     * Applies the file given at start: health checks, notify hooks and VRRP follow it; the kernel
     * follows it from the first pass, unless it would remove too much of what state.json records
     * (then passes wait for a confirmation or a better file, and the kernel stays as it is).
     */
    void begin() throws IOException {
        Optional<String> refusal = RemovalGuard.check(configPath, owned(null), config);
        status.configLoaded();
        metrics.loaded(status.generation());
        if (refusal.isPresent()) {
            held = refusal.get();
            status.removalRefused(held, clock.instant());
            LOG.error("{}", held);
        }
        applyConfig(config);
        configureVrrp(config);
    }

    /** Passes until {@link #stop()}. */
    void run() {
        while (!stopping) {
            pass();
            systemd.alive();
            waitForNextPass();
        }
        List<ReloadRequest> unanswered = takeReloadRequests();
        unanswered.forEach(r -> r.outcome().complete(new ReloadOutcome.Failed("ipvsd is stopping")));
    }

    /**
     * One pass: a reload if one is due, then a reconcile. A pass that starts reading the file and
     * finds the read still under way does not reconcile: that pass would apply the file being
     * replaced, and at 10,000 services it would take the CPU from the read. The read's end wakes
     * the loop for the pass that applies the new file; should the read outlast an interval, the
     * running file's passes go on meanwhile.
     */
    void pass() {
        boolean readStarted = false;
        try {
            readStarted = reloadIfDue();
        } catch (RuntimeException e) {
            LOG.error("reload failed; keeping the running configuration", e);
            status.tickFailed("reload: " + e, clock.instant());
        }
        if (readStarted && reading.busy()) {
            return;
        }
        tick();
    }

    private void tick() {
        Config current;
        lock.lock();
        try {
            current = config;
            tickRequested = false;
            if (held != null) {
                LOG.debug("waiting for a confirmation before applying {}", configPath);
                systemd.held(held);
                return;
            }
        } finally {
            lock.unlock();
        }
        try {
            Map<TargetKey, TargetStatus> healthNow = health.get();
            VrrpRuntime v = vrrp;
            if (v != null) {
                v.serviceFaults(TrackedServices.faults(current, healthNow));
            }
            DesiredStateBuilder.Result desired = desiredStates.build(current, healthNow, quorum.previous(),
                    instance -> v != null && v.stateOf(instance).equals("MASTER"));
            quorum.track(desired);
            TickReport report = engine.reconcile(desired, current);
            status.ticked(report);
            metrics.passed(report, desired, current, status.generation());
            systemd.passed(report, current, healthNow, v == null ? List.of() : v.status());
            log(report);
        } catch (RuntimeException e) {
            // A bug of ipvsd's must not end the daemon: the last good state keeps running, the next
            // pass tries again, and `ipvsctl status` counts it.
            LOG.error("pass failed; the loop goes on", e);
            status.tickFailed(e.toString(), clock.instant());
            metrics.passFailed(e.toString());
        }
    }

    private static void log(TickReport report) {
        if (report.error() != null) {
            LOG.error("reconcile failed: {}", report.error());
        } else if (!report.plan().isEmpty()) {
            LOG.info("applied {} of {} changes in {} ms{}", report.applied(), report.plan().operations().size(),
                    report.duration().toMillis(), report.failures().isEmpty() ? "" : ", " + report.failures().size() + " refused");
            logChanges(report.plan());
        } else {
            LOG.debug("kernel matches the config ({} ms)", report.duration().toMillis());
        }
    }

    /**
     * Each change on a line of its own; past {@link #CHANGES_LOGGED} of them the rest go to DEBUG, so
     * a first pass at 10,000 services does not put 110,000 lines into the journal at INFO.
     */
    private static void logChanges(Plan plan) {
        logChanges(plan, line -> LOG.info("  {}", line), LOG.isDebugEnabled() ? line -> LOG.debug("  {}", line) : null);
    }

    /** @param debug where the changes past the limit go; null: nowhere (they are not even rendered) */
    static void logChanges(Plan plan, Consumer<String> info, Consumer<String> debug) {
        List<Operation> ops = plan.operations();
        for (int i = 0; i < ops.size(); i++) {
            if (i == CHANGES_LOGGED) {
                info.accept("... and " + (ops.size() - CHANGES_LOGGED) + " more changes (the DEBUG log level lists them)");
            }
            Consumer<String> sink = i < CHANGES_LOGGED ? info : debug;
            if (sink == null) {
                return;
            }
            for (String line : ops.get(i).render().split("\n")) {
                sink.accept(line);
            }
        }
    }

    void healthChanged(HealthChange change) {
        metrics.healthChanged(change);
        notify.realServerChanged(change);
        if (change.stateChanged() || change.weightChanged()) {
            requestTick();
        }
    }

    /**
     * Reload the file at the next pass (SIGHUP, `ipvsctl reload`), whether or not it changed.
     *
     * @param allowRemoval the operator confirmed a file that removes many services
     */
    CompletableFuture<ReloadOutcome> requestReload(boolean allowRemoval) {
        CompletableFuture<ReloadOutcome> outcome = new CompletableFuture<>();
        lock.lock();
        try {
            reloadRequests.add(new ReloadRequest(allowRemoval, outcome));
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        return outcome;
    }

    private List<ReloadRequest> takeReloadRequests() {
        lock.lock();
        try {
            List<ReloadRequest> taken = List.copyOf(reloadRequests);
            reloadRequests.clear();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts reading the file when a reload is asked for or a change has settled, and swaps in a
     * file whose reading has ended. While a read is under way, passes go on with the running file
     * and new requests wait for the next read (the file may have changed since this one began).
     */
    private boolean reloadIfDue() {
        boolean started = startReadingIfDue();
        ConfigReading.Finished<ReloadRequest> read = reading.takeFinished();
        if (read != null) {
            ReloadOutcome outcome = reload(read.result(), read.requests().stream().anyMatch(ReloadRequest::allowRemoval));
            read.requests().forEach(r -> r.outcome().complete(outcome));
        }
        return started;
    }

    /** @return whether a read was started */
    private boolean startReadingIfDue() {
        if (reading.busy()) {
            return false;
        }
        List<ReloadRequest> requests = takeReloadRequests();
        FileStamp now;
        try {
            now = FileStamp.of(configPath);
        } catch (IOException e) {
            LOG.error("cannot read {}: {}; keeping the running configuration", configPath, e.getMessage());
            requests.forEach(r -> r.outcome().complete(new ReloadOutcome.Failed("cannot read " + configPath + ": " + e.getMessage())));
            return false;
        }
        if (!requests.isEmpty()) {
            watch.loaded(now);
            reading.start(requests);
            return true;
        }
        switch (watch.poll(now, clock.millis())) {
            case SETTLED -> {
                watch.loaded(now);
                reading.start(List.of());
                return true;
            }
            case EMPTY -> logEmpty();
            case UNCHANGED, SETTLING -> {
            }
        }
        return false;
    }

    private ReloadOutcome reload(LoadResult result, boolean allowRemoval) {
        systemd.reloading();
        ReloadOutcome outcome = null;
        try {
            outcome = apply(result, allowRemoval);
            return outcome;
        } finally {
            systemd.reloaded(outcome instanceof ReloadOutcome.Accepted);
        }
    }

    private ReloadOutcome apply(LoadResult result, boolean allowRemoval) {
        if (result instanceof LoadResult.Failed failed) {
            status.configRejected(failed.errors(), clock.instant());
            metrics.rejected();
            LOG.error("{} has {} error(s); keeping the running configuration:", configPath, failed.errors().size());
            failed.errors().forEach(e -> LOG.error("  {}", e));
            return new ReloadOutcome.Rejected(failed.errors());
        }
        Config loaded = ((LoadResult.Loaded) result).config();
        if (!allowRemoval) {
            Optional<String> refusal = RemovalGuard.check(configPath, owned(held == null ? config : null), loaded);
            if (refusal.isPresent()) {
                status.removalRefused(refusal.get(), clock.instant());
                metrics.rejected();
                LOG.error("{}", refusal.get());
                return new ReloadOutcome.Refused(refusal.get());
            }
        }
        ((LoadResult.Loaded) result).warnings().forEach(w -> LOG.warn("{}", w.asWarning()));
        lock.lock();
        try {
            config = loaded;
            held = null;
        } finally {
            lock.unlock();
        }
        status.configLoaded();
        metrics.loaded(status.generation());
        applyConfig(loaded);
        try {
            configureVrrp(loaded);
        } catch (IOException e) {
            LOG.error("cannot start VRRP: {}", e.getMessage());
        }
        LOG.info("loaded {} ({} services, {} VRRP instances){}", configPath, loaded.services().size(),
                loaded.vrrpInstances().size(), allowRemoval ? ", removals confirmed by the operator" : "");
        return new ReloadOutcome.Accepted(status.generation());
    }

    /**
     * The services ipvsd owns: what state.json records; if it cannot be read, what the running
     * file declares ({@code running}, null before anything was applied).
     */
    private Set<ServiceKey> owned(Config running) {
        Config any = running != null ? running : config;
        try {
            return new StateFile(any.daemon().stateDir()).load().services();
        } catch (IOException e) {
            LOG.warn("{}; judging removals against the running file", e.getMessage());
            return running == null ? Set.of() : RemovalGuard.servicesOf(running);
        }
    }

    /** Health targets and notify hooks follow the config; unchanged targets and hooks are kept. */
    private void applyConfig(Config c) {
        healthTargets.accept(DesiredStateBuilder.targets(c));
        notify.update(c);
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

    VrrpRuntime vrrp() {
        return vrrp;
    }

    DaemonMetrics metrics() {
        return metrics;
    }

    private Duration interval() {
        lock.lock();
        try {
            return config.daemon().interval();
        } finally {
            lock.unlock();
        }
    }

    Path stateDir() {
        lock.lock();
        try {
            return config.daemon().stateDir();
        } finally {
            lock.unlock();
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

    /**
     * Until the interval has passed, or an event asks for a pass now. While a new file is being
     * read, the pass that only the interval asks for waits for the read, up to {@link
     * #READ_WAIT_INTERVALS} intervals: on one CPU that pass takes its time from the read (at
     * 10,000 services under emulation a SIGHUP's change reached the kernel 4 passes later), and the
     * pass after the read applies the new file anyway. Health changes, VRRP transitions and a read
     * that ends start a pass at once.
     */
    private void waitForNextPass() {
        long interval = config.daemon().interval().toNanos();
        long due = System.nanoTime() + interval;
        long latest = due + READ_WAIT_INTERVALS * interval;
        lock.lock();
        try {
            while (!stopping && !tickRequested && (reloadRequests.isEmpty() || reading.busy())) {
                long now = System.nanoTime();
                long until = reading.busy() ? latest : due;
                if (now - until >= 0) {
                    return;
                }
                wake.await(Math.min(until - now, TimeUnit.MILLISECONDS.toNanos(FILE_POLL_MS)), TimeUnit.NANOSECONDS);
                systemd.alive();
                if (fileSettled()) {
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

    private boolean fileSettled() {
        if (reading.busy()) {
            return false; // the change is looked at again once this read has been taken
        }
        try {
            ConfigWatch.Verdict verdict = watch.poll(FileStamp.of(configPath), clock.millis());
            if (verdict == ConfigWatch.Verdict.EMPTY) {
                logEmpty();
            }
            return verdict == ConfigWatch.Verdict.SETTLED;
        } catch (IOException e) {
            return false;
        }
    }

    private void logEmpty() {
        LOG.warn("{} is empty; not loading it (`ipvsctl reload` loads it anyway)", configPath);
    }

    void stop() {
        stopping = true;
        systemd.stopping();
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

    /** Ends VRRP (first: it gives the addresses up) and the notify hooks. */
    void close() {
        stop();
        if (vrrp != null) {
            vrrp.close();
        }
        notify.close();
        metrics.close();
    }
}
