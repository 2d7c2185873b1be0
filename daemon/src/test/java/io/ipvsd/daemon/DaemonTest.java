package io.ipvsd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import io.ipvsd.daemon.health.CheckPolicy;
import io.ipvsd.daemon.health.CheckResult;
import io.ipvsd.daemon.health.HealthChange;
import io.ipvsd.daemon.health.HealthState;
import io.ipvsd.daemon.health.Target;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.daemon.metrics.ManualClock;
import io.ipvsd.daemon.observe.Sysctls;
import io.ipvsd.daemon.reconcile.NetlinkIpvsGateway;
import io.ipvsd.daemon.reconcile.Reconciler;
import io.ipvsd.daemon.state.StateDirLock;
import io.ipvsd.daemon.state.StateFile;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.testkit.FakeIpvsKernel;
import io.ipvsd.netlink.Connection;
import io.ipvsd.nft.NftClient;
import io.ipvsd.nft.testkit.FakeNfTables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's loop on the host: fake IPVS and nf_tables kernels, a manual clock, passes driven by
 * the test. Notify commands are real processes (they are what is being tested).
 */
class DaemonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InetAddress RS1 = Endpoints.parseAddress("198.51.100.1");
    private static final InetAddress RS2 = Endpoints.parseAddress("198.51.100.2");

    @TempDir
    Path dir;
    private Path file;
    private int touches;
    private final ManualClock clock = new ManualClock();
    private final FakeIpvsKernel ipvsKernel = new FakeIpvsKernel();
    private final FakeNfTables nfKernel = new FakeNfTables();
    private Engine engine;
    private Status status;
    private DaemonLoop loop;
    private final Map<TargetKey, TargetStatus> healthNow = new HashMap<>();
    private Supplier<Map<TargetKey, TargetStatus>> health = () -> Map.copyOf(healthNow);
    /** Where the loop reads a new file: at once, unless a test holds the reads back. */
    private Executor configReader = Runnable::run;

    @BeforeEach
    void setUp() throws IOException {
        file = dir.resolve("ipvsd.toml");
        Files.createDirectories(dir.resolve("proc/net/ipv4"));
        IpvsClient ipvs = IpvsClient.over(new Connection(ipvsKernel, Duration.ofSeconds(1)));
        engine = Engine.over(ipvs, NftClient.over(nfKernel.socket(), Duration.ofSeconds(1)),
                new Reconciler(new NetlinkIpvsGateway(ipvs), new Sysctls(dir.resolve("proc")),
                        new StateFile(dir.resolve("state")), clock));
    }

    @AfterEach
    void tearDown() {
        if (loop != null) {
            loop.close();
        }
        engine.close();
    }

    // --- item 1: notify delivery survives reloads

    @Test
    void aTouchNeitherKillsARunningNotifyCommandNorDropsQueuedOnes() throws Exception {
        Path out = dir.resolve("events");
        write(services(1, "notify = [\"sh\", \"-c\", \"sleep 0.3; echo $IPVSD_EVENT $IPVSD_RS_ADDR >> " + out + "\"]"));
        start();
        loop.pass();
        loop.healthChanged(change(RS1, HealthState.UP, HealthState.DOWN));
        loop.healthChanged(change(RS1, HealthState.DOWN, HealthState.UP));
        loop.healthChanged(change(RS2, HealthState.UP, HealthState.DOWN));

        touch(); // the file is reloaded while the first command sleeps and two events wait
        loop.pass();
        clock.advance(Duration.ofMillis(1_000));
        loop.pass();
        assertEquals(2, status().path("config_generation").asInt(), "the touched file was reloaded");

        assertEquals(List.of("rs_down 198.51.100.1", "rs_up 198.51.100.1", "rs_down 198.51.100.2"), awaitLines(out, 3));
    }

    @Test
    void aChangedCommandTakesTheNextEventsWhileTheOldOneFinishesItsQueue() throws Exception {
        Path old = dir.resolve("old");
        Path next = dir.resolve("next");
        write(services(1, "notify = [\"sh\", \"-c\", \"sleep 0.2; echo $IPVSD_EVENT >> " + old + "\"]"));
        start();
        loop.healthChanged(change(RS1, HealthState.UP, HealthState.DOWN));
        loop.healthChanged(change(RS1, HealthState.DOWN, HealthState.UP));
        write(services(1, "notify = [\"sh\", \"-c\", \"echo $IPVSD_EVENT >> " + next + "\"]"));
        reloadNow(false);
        loop.healthChanged(change(RS2, HealthState.UP, HealthState.DOWN));

        assertEquals(List.of("rs_down", "rs_up"), awaitLines(old, 2));
        assertEquals(List.of("rs_down"), awaitLines(next, 1));
    }

    // --- item 4: a failing pass is counted and the loop goes on

    @Test
    void aPassThatThrowsIsCountedAndTheNextPassReconciles() throws Exception {
        write(services(1, ""));
        boolean[] fail = {true};
        health = () -> {
            if (fail[0]) {
                fail[0] = false;
                throw new IllegalStateException("bug in a health snapshot");
            }
            return Map.copyOf(healthNow);
        };
        start();
        loop.pass();
        JsonNode s = status();
        assertEquals(1, s.path("tick_errors").asInt());
        assertEquals("java.lang.IllegalStateException: bug in a health snapshot", s.path("last_tick_error").path("error").asText());
        assertEquals(0, ipvsKernel.services().size());

        loop.pass();
        assertEquals(1, ipvsKernel.services().size(), "the next pass reconciled");
        assertEquals(1, status().path("ticks").asInt());
        JsonNode last = status().path("last_tick");
        double reading = last.path("reading_ms").asDouble(-1);
        assertTrue(reading > 0 && reading <= last.path("duration_ms").asDouble(), last.toString());
    }

    // --- item 8: quorum log, corrupt state file, leaks on a failed start

    @Test
    void aLostQuorumNamesTheSorryServerInService() throws Exception {
        write("""
                [daemon]
                state_dir = "%s"
                control_socket = "%s"
                [[service]]
                protocol = "tcp"
                address = "192.0.2.1"
                port = 80
                quorum = 1
                sorry_server = { address = "198.51.100.99", port = 8080, method = "nat" }
                  [[service.real]]
                  address = "198.51.100.1"
                """.formatted(dir.resolve("state"), dir.resolve("run/ipvsd.sock")));
        start();
        healthNow.put(new TargetKey("TCP 192.0.2.1:80", RS1, 80),
                new TargetStatus(HealthState.DOWN, CheckResult.failure("connect refused"), 3, Instant.EPOCH, 1));
        String log = capturingStandardError(loop::pass);
        assertTrue(log.contains("virtual service TCP 192.0.2.1:80 lost quorum: up weight 0 < quorum 1 - hysteresis 0, "
                + "sorry server 198.51.100.99:8080 in service"), log);
    }

    @Test
    void withoutMetricsServedNoWarningSaysWhatMetricsLeavesOut() throws Exception {
        String log = logOfTwoPasses("[metrics]\nmax_real_servers = 1\n", false);
        assertFalse(log.contains("max_real_servers"), log);
    }

    @Test
    void withMetricsServedTooManyRealServersAreSaidToBeLeftOut() throws Exception {
        String log = logOfTwoPasses("[metrics]\nenabled = true\nmax_real_servers = 1\n", true);
        assertTrue(log.contains("metrics: 2 real servers are more than [metrics] max_real_servers = 1"), log);
    }

    /** One service of 2 real servers and this [metrics] section: the log of the pass adding it and the next. */
    private String logOfTwoPasses(String metricsSection, boolean serveMetrics) throws IOException {
        write(services(1, "") + metricsSection);
        start();
        if (serveMetrics) {
            loop.metrics().serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }
        return capturingStandardError(() -> {
            loop.pass();
            loop.pass();
        });
    }

    @Test
    void statusShowsACorruptStateFile() throws Exception {
        write(services(1, ""));
        start();
        loop.pass();
        Files.writeString(dir.resolve("state/state.json"), "{\"format\": 1, \"services\": [");
        JsonNode s = status();
        assertTrue(s.path("state_file_error").asText().contains("not a valid ipvsd state file"), s.toString());
        assertTrue(s.path("state_file_error").asText().contains("every pass fails until it is repaired"), s.toString());
    }

    @Test
    void aControlSocketThatCannotBeBoundLeavesNoThreadsAndReleasesTheLock() throws Exception {
        Files.writeString(dir.resolve("not-a-dir"), "");
        write(services(1, "").replace(dir.resolve("run/ipvsd.sock").toString(), dir.resolve("not-a-dir/ipvsd.sock").toString()));
        Config config = load();
        long healthThreadsBefore = healthThreads();
        StateDirLock lock = StateDirLock.acquire(dir.resolve("state"));
        assertThrows(IOException.class, () -> Daemon.start(file, config, FileStamp.of(file), lock, engine, clock));
        lock.close();
        assertEquals(healthThreadsBefore, healthThreads(), "health threads left running");
    }

    // --- item 9: settled file changes, removal guard

    @Test
    void aChangedFileIsLoadedOnlyOnceItKeptItsStampForASecond() throws Exception {
        write(services(2, ""));
        start();
        loop.pass();
        write(services(1, ""));
        loop.pass();
        clock.advance(Duration.ofMillis(600));
        loop.pass();
        assertEquals(1, status().path("config_generation").asInt(), "loaded before it settled");
        write(services(2, ""));  // the editor was not done
        clock.advance(Duration.ofMillis(600));
        loop.pass();
        assertEquals(1, status().path("config_generation").asInt());
        clock.advance(Duration.ofMillis(1_000));
        loop.pass();
        assertEquals(2, status().path("config_generation").asInt());
    }

    @Test
    void anEmptyFileIsNeverLoadedFromAChange() throws Exception {
        write(services(2, ""));
        start();
        loop.pass();
        Files.writeString(file, "");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(1_000));
            loop.pass();
        }
        assertEquals(1, status().path("config_generation").asInt());
        assertEquals(2, ipvsKernel.services().size());
    }

    @Test
    void aReloadThatRemovesEveryServiceIsRefusedUntilConfirmed() throws Exception {
        write(services(2, ""));
        start();
        loop.pass();
        write(services(0, ""));
        ReloadOutcome.Refused refused = assertInstanceOf(ReloadOutcome.Refused.class, reloadNow(false));
        assertTrue(refused.reason().contains("would remove 2 of the 2 services ipvsd owns (every service ipvsd owns)"),
                refused.reason());
        assertTrue(refused.reason().endsWith("confirm with `ipvsctl reload --allow-removal`"), refused.reason());
        assertEquals(refused.reason(), status().path("reload_refused").path("reason").asText());
        loop.pass();
        assertEquals(2, ipvsKernel.services().size(), "the running services stay");

        assertInstanceOf(ReloadOutcome.Accepted.class, reloadNow(true));
        loop.pass();
        assertEquals(0, ipvsKernel.services().size());
        assertTrue(status().path("reload_refused").isMissingNode());
    }

    @Test
    void removingMoreThanTheShareIsRefusedAndUpToItIsNot() throws Exception {
        write(services(4, ""));
        start();
        loop.pass();
        write(services(1, ""));
        ReloadOutcome.Refused refused = assertInstanceOf(ReloadOutcome.Refused.class, reloadNow(false));
        assertTrue(refused.reason().contains("would remove 3 of the 4 services ipvsd owns (more than max_removal_share = 50% of them)"),
                refused.reason());
        write(services(2, ""));
        assertEquals(new ReloadOutcome.Accepted(2), reloadNow(false));
        loop.pass(); // the deleted services leave state.json once a pass sees them gone
        write(services(1, "", "max_removal_share = 50"));
        assertEquals(new ReloadOutcome.Accepted(3), reloadNow(false), "1 of 2 is 50%");
    }

    @Test
    void theFirstLoadIsHeldWhenItWouldRemoveWhatStateJsonRecords() throws Exception {
        write(services(3, ""));
        start();
        loop.pass();
        loop.close();

        write(services(0, ""));
        start(); // a restart with a file emptied while the daemon was down
        loop.pass();
        assertEquals(3, ipvsKernel.services().size(), "the kernel was touched before a confirmation");
        assertTrue(status().path("reload_refused").path("reason").asText().contains("would remove 3 of the 3"));

        assertInstanceOf(ReloadOutcome.Accepted.class, reloadNow(true));
        loop.pass();
        assertEquals(0, ipvsKernel.services().size());
    }

    // --- issue 11: a new file is read while the running one's passes go on

    @Test
    void passesOfTheRunningFileGoOnWhileANewOneIsReadAndItIsSwappedInWhenReady() throws Exception {
        List<Runnable> reads = new ArrayList<>();
        configReader = reads::add;
        write(services(1, ""));
        start();
        loop.pass();
        write(services(2, ""));
        CompletableFuture<ReloadOutcome> outcome = loop.requestReload(false);
        loop.pass();
        assertEquals(1, reads.size(), "the read started");
        assertEquals(1, status().path("ticks").asInt(), "the pass that started the read waits for it");
        loop.pass();
        loop.pass();
        assertEquals(1, reads.size(), "one read at a time");
        assertEquals(3, status().path("ticks").asInt(), "passes went on");
        assertEquals(1, ipvsKernel.services().size(), "with the running file");
        assertTrue(!outcome.isDone(), "the reload is answered once the file is in");

        reads.get(0).run();
        loop.pass();
        assertEquals(new ReloadOutcome.Accepted(2), outcome.getNow(null));
        assertEquals(2, ipvsKernel.services().size(), "the new file was swapped in");
    }

    @Test
    void whileANewFileIsReadTheIntervalsPassWaitsForItAtMostTwelveIntervals() throws Exception {
        List<Runnable> reads = new java.util.concurrent.CopyOnWriteArrayList<>();
        configReader = reads::add;
        write(services(1, "", "interval = \"50ms\""));
        start();
        Thread runner = new Thread(loop::run, "loop");
        runner.start();
        try {
            awaitTicks(2);
            write(services(2, "", "interval = \"50ms\""));
            loop.requestReload(false);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (reads.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, reads.size(), "the read started");
            int ticksAtRead = status().path("ticks").asInt();
            Thread.sleep(6 * 50); // six intervals: within the twelve a pass waits for the read
            assertEquals(ticksAtRead, status().path("ticks").asInt(), "no pass of the running file while it is read");
            awaitTicks(ticksAtRead + 1); // past twelve intervals the running file's passes go on
            assertEquals(1, ipvsKernel.services().size(), "with the running file");

            reads.get(0).run(); // the read ends: a pass at once applies the new file
            deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (ipvsKernel.services().size() != 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(2, ipvsKernel.services().size(), "the new file was swapped in");
        } finally {
            loop.stop();
            runner.join(5_000);
        }
    }

    private void awaitTicks(int ticks) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (status().path("ticks").asInt() < ticks && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(status().path("ticks").asInt() >= ticks, "passes: " + status().path("ticks").asInt());
    }

    // --- item 3: `reload` over the control handler

    @Test
    void reloadAnswersEveryErrorOfABadFileAndTheOldStateStays() throws Exception {
        write(services(1, ""));
        start();
        loop.pass();
        Files.writeString(file, "[daemon]\ninterval = \"0s\"\n[[service]]\nprotocol = \"tcpp\"\n");
        ControlHandler handler = new ControlHandler(loop, status, health);
        JsonNode answer = JSON.readTree(answerWhilePassing(() -> handler.apply("reload")));
        assertEquals("rejected", answer.path("result").asText());
        assertTrue(answer.path("errors").get(0).asText().startsWith(file + ":2:12: "), answer.toString());
        assertTrue(answer.path("errors").size() >= 2, answer.toString());
        loop.pass();
        assertEquals(1, ipvsKernel.services().size());

        write(services(2, ""));
        answer = JSON.readTree(answerWhilePassing(() -> handler.apply("reload")));
        assertEquals("accepted", answer.path("result").asText());
        assertEquals(2, answer.path("generation").asInt());
    }

    // --- helpers

    private String services(int count, String serviceExtra, String... daemonExtra) {
        StringBuilder toml = new StringBuilder("[daemon]\nstate_dir = \"" + dir.resolve("state") + "\"\ncontrol_socket = \""
                + dir.resolve("run/ipvsd.sock") + "\"\n" + String.join("\n", daemonExtra) + "\n");
        for (int i = 1; i <= count; i++) {
            toml.append("""
                    [[service]]
                    protocol = "tcp"
                    address = "192.0.2.%d"
                    port = 80
                    %s
                      [[service.real]]
                      address = "198.51.100.1"
                      [[service.real]]
                      address = "198.51.100.2"
                    """.formatted(i, serviceExtra));
        }
        return toml.toString();
    }

    private void write(String toml) throws IOException {
        Files.writeString(file, toml);
        touch();
    }

    /** A new modification time the loop can see, whatever the file system's timestamp granularity. */
    private void touch() throws IOException {
        touches++;
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(touches)));
    }

    private Config load() {
        LoadResult r = ConfigLoader.load(file);
        if (r instanceof LoadResult.Failed f) {
            throw new AssertionError(f.errors().toString());
        }
        return ((LoadResult.Loaded) r).config();
    }

    private void start() throws IOException {
        status = new Status(file, clock.instant());
        loop = new DaemonLoop(file, load(), FileStamp.of(file), engine, () -> health.get(), targets -> {
        }, status, clock, new NotifyHooks(Duration.ofSeconds(5)), configReader);
        loop.begin();
    }

    private ReloadOutcome reloadNow(boolean allowRemoval) throws Exception {
        CompletableFuture<ReloadOutcome> outcome = loop.requestReload(allowRemoval);
        loop.pass();
        return outcome.getNow(null);
    }

    /** Runs a control request on another thread, as the control socket does, while this one passes. */
    private String answerWhilePassing(Supplier<String> request) throws Exception {
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(request);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!answer.isDone() && System.nanoTime() < deadline) {
            loop.pass();
            Thread.sleep(5);
        }
        return answer.get();
    }

    private JsonNode status() throws IOException {
        return JSON.readTree(new ControlHandler(loop, status, health).apply("status"));
    }

    private static HealthChange change(InetAddress rs, HealthState from, HealthState to) {
        TargetKey key = new TargetKey("TCP 192.0.2.1:80", rs, 80);
        CheckResult result = to == HealthState.UP ? CheckResult.success("connected") : CheckResult.failure("connect refused");
        return new HealthChange(key, new Target(rs, 80, 1, CheckPolicy.none()),
                new TargetStatus(from, null, 1, Instant.EPOCH, 1), new TargetStatus(to, result, 3, Instant.EPOCH, 1));
    }

    private static List<String> awaitLines(Path out, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> lines = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(out) ? Files.readAllLines(out) : List.of();
            if (lines.size() >= count) {
                Thread.sleep(300); // and no more than that
                return Files.readAllLines(out);
            }
            Thread.sleep(20);
        }
        return lines;
    }

    private static long healthThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("ipvsd-health")).count();
    }

    private static String capturingStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
