package io.ipvsd.daemon.health.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import io.ipvsd.daemon.health.CheckPolicy;
import io.ipvsd.daemon.health.CheckResult;
import io.ipvsd.daemon.health.CheckRunner;
import io.ipvsd.daemon.health.CheckSpec;
import io.ipvsd.daemon.health.Checker;
import io.ipvsd.daemon.health.HealthMonitor;
import io.ipvsd.daemon.health.HttpCheck;
import io.ipvsd.daemon.health.Jitter;
import io.ipvsd.daemon.health.Target;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TcpCheck;
import io.ipvsd.daemon.health.ThreadCheckScheduler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of the health monitor with thousands of loopback targets: for each mode (tcp, http) and
 * target count, checks every target every 2 s for 30 s (after a warm-up) and reports achieved checks/s,
 * process CPU, live threads and check latency p50/p99. The servers run in a child JVM
 * ({@link LoopbackFarm}) so that their CPU is not counted. Traffic goes to 127.77.0.0/24 only; the run
 * is bounded (about 40 s per mode and count) and changes nothing system-wide.
 *
 * <p>Run: {@code daemon/src/bench/health-bench.sh [--targets=1000,10000] [--seconds=30]
 * [--interval-ms=2000] [--modes=tcp,http]}, or after
 * {@code mvn -pl daemon -Dipvsd.build.dir=target-health test-compile}:
 * {@code java -cp daemon/target-health/test-classes:daemon/target-health/classes:<slf4j-api and slf4j-simple jars>
 * io.ipvsd.daemon.health.bench.HealthBenchmark}.
 *
 * <p>File descriptors: the farm needs one per listener plus the connections in flight; with a soft
 * {@code ulimit -n} below the largest count plus 2,000, targets share listeners (distinct keys, same
 * address and port).
 *
 * <p>The last column is the system's 1-minute load average at the end of the window: on a shared
 * machine other processes' load shows up in the latency tail, not in this process's CPU time.
 */
public final class HealthBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final int FD_MARGIN = 2000;

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private HealthBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        List<Integer> counts = Arrays.stream(options.getOrDefault("targets", "1000,10000").split(","))
                .map(Integer::parseInt).toList();
        List<String> modes = List.of(options.getOrDefault("modes", "tcp,http").split(","));
        Duration window = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "30")));
        Duration interval = Duration.ofMillis(Long.parseLong(options.getOrDefault("interval-ms", "2000")));
        new HealthBenchmark().runAll(counts, modes, window, interval);
    }

    private void runAll(List<Integer> counts, List<String> modes, Duration window, Duration interval)
            throws Exception {
        int largest = counts.stream().mapToInt(Integer::intValue).max().orElseThrow();
        long fdLimit = ((UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount();
        int listeners = (int) Math.max(1, Math.min(largest, fdLimit - FD_MARGIN));
        System.out.printf("cores %d, fd soft limit %d, %d listeners on %d loopback addresses, interval %d ms,"
                        + " timeout %d ms, window %d s%n", os.getAvailableProcessors(), fdLimit, listeners,
                Math.min(listeners, LoopbackFarm.ADDRESSES), interval.toMillis(), TIMEOUT.toMillis(),
                window.toSeconds());

        Process farm = startFarm(listeners);
        try {
            List<InetSocketAddress> endpoints = readEndpoints(farm);
            System.out.println("| mode | targets | checks/s (expected) | failed | down at end | process CPU"
                    + " (% of 1 core) | CPU per check | health threads CPU | GC time | live threads (ipvsd-*)"
                    + " | p50 | p99 | max | load avg |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            for (String mode : modes) {
                for (int count : counts) {
                    System.out.println(run(mode, count, endpoints, window, interval));
                }
            }
        } finally {
            farm.destroy();
            farm.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String run(String mode, int count, List<InetSocketAddress> endpoints, Duration window,
                       Duration interval) throws Exception {
        CheckSpec spec = mode.equals("http")
                ? new HttpCheck(false, false, "/health", null, Set.of(200), "ok", null, 0)
                : new TcpCheck(0);
        CheckPolicy policy = new CheckPolicy(spec, interval, TIMEOUT, 3, 2, interval, true, Duration.ZERO);
        Map<TargetKey, Target> targets = new HashMap<>();
        for (int i = 0; i < count; i++) {
            InetSocketAddress endpoint = endpoints.get(i % endpoints.size());
            // Service text only names the target; no traffic goes to it.
            String service = "TCP 127.10." + (i / endpoints.size()) + ".1:80";
            targets.put(new TargetKey(service, endpoint.getAddress(), endpoint.getPort()),
                    new Target(endpoint.getAddress(), endpoint.getPort(), 1, policy));
        }

        Measuring checker = new Measuring(CheckRunner.start());
        AtomicLong transitions = new AtomicLong();
        try (HealthMonitor monitor = new HealthMonitor(checker, new ThreadCheckScheduler(), Jitter.random(),
                change -> transitions.incrementAndGet())) {
            monitor.update(targets);
            // First interval: checks ramp up at random offsets; second: steady state, JIT warm.
            Thread.sleep(interval.multipliedBy(2).toMillis());

            checker.startWindow();
            long cpuStart = os.getProcessCpuTime();
            long healthCpuStart = healthThreadsCpu();
            long gcStart = gcMillis();
            long wallStart = System.nanoTime();
            int peakThreads = 0;
            long end = wallStart + window.toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(1000, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + 1));
                peakThreads = Math.max(peakThreads, threads.getThreadCount());
            }
            long wall = System.nanoTime() - wallStart;
            long cpu = os.getProcessCpuTime() - cpuStart;
            long healthCpu = healthThreadsCpu() - healthCpuStart;
            long gc = gcMillis() - gcStart;
            Window measured = checker.endWindow();
            long ipvsdThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("ipvsd-")).count();
            long down = monitor.snapshot().values().stream().filter(s -> !s.up()).count();
            double seconds = wall / 1e9;
            return String.format("| %s | %d | %.0f (%.0f) | %d | %d | %.1f %% | %.1f µs | %.1f %% | %d ms | %d (%d) |"
                            + " %.2f ms | %.2f ms | %.2f ms | %.1f |%s",
                    mode, count, measured.checks() / seconds, count / (interval.toNanos() / 1e9),
                    measured.failures(), down, 100.0 * cpu / wall, measured.checks() == 0 ? 0 : cpu / 1e3 / measured.checks(),
                    100.0 * healthCpu / wall, gc, peakThreads, ipvsdThreads, measured.percentileMs(50),
                    measured.percentileMs(99), measured.percentileMs(100), os.getSystemLoadAverage(),
                    measured.failureSample().isEmpty() ? "" : " failures e.g. " + measured.failureSample());
        }
    }

    private long healthThreadsCpu() {
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("ipvsd-")) {
                total += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return total;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static Process startFarm(int listeners) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LoopbackFarm.class.getName(), Integer.toString(listeners))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static List<InetSocketAddress> readEndpoints(Process farm) throws IOException {
        List<InetSocketAddress> endpoints = new ArrayList<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(farm.getInputStream(), StandardCharsets.US_ASCII));
        String line;
        while ((line = lines.readLine()) != null && !line.equals("READY")) {
            String[] parts = line.split(" ");
            endpoints.add(new InetSocketAddress(InetAddress.getByName(parts[1]), Integer.parseInt(parts[2])));
        }
        if (line == null) {
            throw new IOException("loopback farm exited before it was ready");
        }
        return endpoints;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] parts = arg.replaceFirst("^--", "").split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options.put(parts[0], parts[1]);
        }
        return options;
    }

    /** Check latencies and failures within the measurement window. */
    private record Window(long[] latenciesNanos, long failures, Map<String, Long> failureReasons) {
        long checks() {
            return latenciesNanos.length;
        }

        double percentileMs(int percentile) {
            if (latenciesNanos.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(percentile / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, index)] / 1e6;
        }

        String failureSample() {
            return failureReasons.isEmpty() ? "" : failureReasons.toString();
        }
    }

    /** Wraps the real checker and records how long each check took, from start to result. */
    private static final class Measuring implements Checker {
        private final Checker delegate;
        private final Map<String, Long> failureReasons = new ConcurrentHashMap<>();
        private long[] latencies = new long[1 << 16];
        private int recorded;
        private long failures;
        private boolean measuring;

        Measuring(Checker delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<CheckResult> check(TargetKey key, Target target) {
            long start = System.nanoTime();
            return delegate.check(key, target).whenComplete((result, error) -> record(System.nanoTime() - start,
                    result != null && result.ok() ? null : String.valueOf(result)));
        }

        private synchronized void record(long nanos, String failure) {
            if (!measuring) {
                return;
            }
            if (recorded == latencies.length) {
                latencies = Arrays.copyOf(latencies, recorded * 2);
            }
            latencies[recorded++] = nanos;
            if (failure != null) {
                failures++;
                failureReasons.merge(failure, 1L, Long::sum);
            }
        }

        synchronized void startWindow() {
            recorded = 0;
            failures = 0;
            failureReasons.clear();
            measuring = true;
        }

        synchronized Window endWindow() {
            measuring = false;
            long[] sorted = Arrays.copyOf(latencies, recorded);
            Arrays.sort(sorted);
            return new Window(sorted, failures, Map.copyOf(failureReasons));
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
