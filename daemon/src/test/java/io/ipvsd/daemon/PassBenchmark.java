package io.ipvsd.daemon;

import com.sun.management.ThreadMXBean;
import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import io.ipvsd.daemon.observe.Sysctls;
import io.ipvsd.daemon.reconcile.NetlinkIpvsGateway;
import io.ipvsd.daemon.reconcile.Reconciler;
import io.ipvsd.daemon.reconcile.TickReport;
import io.ipvsd.daemon.state.StateFile;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.testkit.FakeIpvsKernel;
import io.ipvsd.netlink.Connection;
import io.ipvsd.nft.NftClient;
import io.ipvsd.nft.testkit.FakeNfTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daemon's pass at scale, on the host: {@link DaemonLoop} over the fake IPVS and nf_tables
 * kernels with a generated file. Prints, per pass, its wall time, what it allocated and the live
 * heap after it; and the same for a bare dump of the table through {@link IpvsClient} (the fake
 * kernel's and the decoder's part, which a pass cannot avoid), so the rest is the daemon's own;
 * and that dump again over the fake's recorded replies (the client's receiving and decoding alone).
 * Not a test: the fake kernel's costs differ from the kernel's, so the numbers are for comparing
 * two versions of the daemon on one machine, not for the README's ratios (test-vm/bench/scale-bench).
 *
 * <p>Run: {@code daemon/src/bench/pass-bench.sh [--services 10000] [--reals 10] [--passes 8]}.
 */
public final class PassBenchmark {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final Pattern PLANNED = Pattern.compile("\"planned\" : (\\d+)");

    private PassBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: PassBenchmark CONFIG.toml WORK_DIR PASSES");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int passes = Integer.parseInt(args[2]);
        Files.createDirectories(work.resolve("proc/net/ipv4"));

        long[] load = measure(() -> ConfigLoader.load(file));
        LoadResult loaded = ConfigLoader.load(file);
        if (!(loaded instanceof LoadResult.Loaded ok)) {
            ((LoadResult.Failed) loaded).errors().forEach(System.err::println);
            System.exit(2);
            return;
        }
        Config config = ok.config();
        System.out.printf("%s: %d services, %d real servers%n", file, config.services().size(),
                config.services().stream().mapToInt(s -> s.reals().size()).sum());
        print("load the file", load);

        // What `ipvsctl apply` does from an empty table, on kernels of its own: one pass, its plan printed.
        TickReport[] applied = new TickReport[1];
        try (Engine cli = engine(IpvsClient.over(new Connection(new FakeIpvsKernel(), Duration.ofSeconds(30))),
                work.resolve("cli-state"))) {
            print("ipvsctl apply's pass", measure(() -> applied[0] = cli.reconcile(config, Map.of(), Map.of())));
            print("render its plan", measure(() -> applied[0].plan().render().length()));
        }
        applied[0] = null;

        FakeIpvsKernel kernel = new FakeIpvsKernel();
        IpvsClient ipvs = IpvsClient.over(new Connection(kernel, Duration.ofSeconds(30)));
        Engine engine = engine(ipvs, work.resolve("state"));
        Status status = new Status(file, Clock.systemUTC().instant());
        DaemonLoop loop = new DaemonLoop(file, config, FileStamp.of(file), engine, Map::of, targets -> {
        }, status, Clock.systemUTC(), new NotifyHooks(Duration.ofSeconds(5)), Runnable::run);
        try {
            print("begin (before the first pass)", measure(() -> {
                try {
                    loop.begin();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            for (int i = 1; i <= passes; i++) {
                long[] pass = measure(loop::pass);
                print("pass " + i + " (" + planned(status) + " changes)", pass);
            }
            for (int i = 1; i <= 3; i++) {
                print("dump only " + i, measure(() -> dump(ipvs)));
            }
            IpvsClient replayed = ReplayedDump.record(kernel, PassBenchmark::dump);
            for (int i = 1; i <= 3; i++) {
                print("decode a recorded dump " + i, measure(() -> dump(replayed)));
            }
            // /metrics over the last pass's observation; the listener's thread writes it, so the
            // row gives the body's size, not this thread's allocation.
            URL metrics = new URL("http://127.0.0.1:" + loop.metrics()
                    .serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).getPort() + "/metrics");
            for (int i = 1; i <= 2; i++) {
                long[] bytes = new long[1];
                long[] m = measure(() -> bytes[0] = scrape(metrics));
                System.out.printf("%-28s %7d ms %7d MB body      %5d MB live after%n", "scrape /metrics " + i, m[0],
                        bytes[0] >> 20, m[2]);
            }
        } finally {
            loop.close();
            engine.close();
        }
    }

    private static Engine engine(IpvsClient ipvs, Path stateDir) {
        return Engine.over(ipvs, NftClient.over(new FakeNfTables().socket(), Duration.ofSeconds(30)),
                new Reconciler(new NetlinkIpvsGateway(ipvs), new Sysctls(stateDir.resolveSibling("proc")),
                        new StateFile(stateDir), Clock.systemUTC()));
    }

    /** @return the bytes of the body */
    private static long scrape(URL url) {
        try {
            URLConnection c = url.openConnection();
            c.setConnectTimeout(10_000);
            c.setReadTimeout(120_000);
            return read(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long read(URLConnection c) throws IOException {
        try (InputStream in = c.getInputStream()) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    static int dump(IpvsClient ipvs) {
        try {
            int destinations = 0;
            List<Service> services = ipvs.services();
            for (Service s : services) {
                destinations += ipvs.destinations(s.key()).size();
            }
            return destinations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String planned(Status status) {
        Matcher m = PLANNED.matcher(status.toJson(Map.of(), List.of(), Map.of()));
        return m.find() ? m.group(1) : "?";
    }

    /** @return wall ms, MB allocated by this thread, MB live after a full GC */
    private static long[] measure(Runnable step) {
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        step.run();
        long wall = System.nanoTime() - start;
        allocated = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        System.gc();
        return new long[] {wall / 1_000_000, allocated >> 20, MEMORY.getHeapMemoryUsage().getUsed() >> 20};
    }

    private static void print(String what, long[] m) {
        System.out.printf("%-28s %7d ms %7d MB allocated %5d MB live after%n", what, m[0], m[1], m[2]);
    }
}
