package io.ipvsd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.ipvsd.daemon.state.StateFile;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.Stats;
import io.ipvsd.ipvs.testkit.FakeIpvsKernel;
import io.ipvsd.netlink.Connection;
import io.ipvsd.nft.NftClient;
import io.ipvsd.nft.testkit.FakeNfTables;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /metrics and /healthz of a daemon loop over the fake kernels, scraped over HTTP on loopback:
 * what the pass observed is what a scrape reads, and a scrape sends the kernel nothing.
 */
class MetricsDaemonTest {
    private static final InetAddress VIP = Endpoints.parseAddress("192.0.2.1");
    private static final InetAddress RS1 = Endpoints.parseAddress("198.51.100.1");
    private static final AddressServiceKey SERVICE = new AddressServiceKey(Protocol.TCP, VIP, 80);
    /** The client writes labels sorted by name, and values as Java doubles. */
    private static final String SERVICE_LABELS = "local_address=\"192.0.2.1\",local_mark=\"\",local_port=\"80\","
            + "name=\"web\",proto=\"TCP\"";
    private static final String RS1_LABELS = SERVICE_LABELS + ",remote_address=\"198.51.100.1\",remote_port=\"80\"";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();
    private final FakeIpvsKernel ipvsKernel = new FakeIpvsKernel();
    private final Map<TargetKey, TargetStatus> health = new HashMap<>();
    private Engine engine;
    private DaemonLoop loop;
    private URI base;
    private Path file;

    @BeforeEach
    void setUp() throws IOException {
        file = dir.resolve("ipvsd.toml");
        Files.writeString(file, """
                [daemon]
                state_dir = "%s"
                control_socket = "%s"
                [[service]]
                name = "web"
                protocol = "tcp"
                address = "192.0.2.1"
                port = 80
                  [[service.real]]
                  address = "198.51.100.1"
                  [[service.real]]
                  address = "198.51.100.2"
                """.formatted(dir.resolve("state"), dir.resolve("ipvsd.sock")));
        Files.createDirectories(dir.resolve("proc/net/ipv4"));
        IpvsClient ipvs = IpvsClient.over(new Connection(ipvsKernel, Duration.ofSeconds(1)));
        engine = Engine.over(ipvs, NftClient.over(new FakeNfTables().socket(), Duration.ofSeconds(1)),
                new Reconciler(new NetlinkIpvsGateway(ipvs), new Sysctls(dir.resolve("proc")),
                        new StateFile(dir.resolve("state")), clock));
        loop = new DaemonLoop(file, ((LoadResult.Loaded) ConfigLoader.load(file)).config(), FileStamp.of(file), engine,
                () -> Map.copyOf(health), targets -> {
                }, new Status(file, clock.instant()), clock, new NotifyHooks(Duration.ofSeconds(5)), Runnable::run);
        loop.begin();
        InetSocketAddress bound = loop.metrics().serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        base = URI.create("http://127.0.0.1:" + bound.getPort());
    }

    @AfterEach
    void tearDown() {
        loop.close();
        engine.close();
    }

    @Test
    void countersComeFromThePassAndAScrapeSendsTheKernelNothing() throws Exception {
        loop.pass(); // observes an empty table, then adds the service
        loop.pass(); // observes the service
        ipvsKernel.setStats(SERVICE, new Stats(7, 70, 60, 7000, 600_000, 0, 0, 0, 0, 0));
        Destination rs1 = ipvsKernel.destinations(SERVICE).stream().filter(d -> d.key().address().equals(RS1))
                .findFirst().orElseThrow();
        ipvsKernel.setDestination(SERVICE, new Destination(rs1.key(), rs1.family(), rs1.settings(), 3, 2, 0,
                new Stats(4, 40, 30, 4000, 300_000, 0, 0, 0, 0, 0)));

        String before = get("/metrics").body();
        assertTrue(before.contains("ipvsd_service_incoming_bytes_total{" + SERVICE_LABELS + "} 0.0"), before);

        loop.pass();
        int requests = ipvsKernel.received().size();
        String text = get("/metrics").body();
        get("/metrics");
        assertEquals(requests, ipvsKernel.received().size(), "a scrape sends the kernel nothing");

        assertTrue(text.contains("ipvsd_service_connections_total{" + SERVICE_LABELS + "} 7.0"), text);
        assertTrue(text.contains("ipvsd_service_outgoing_bytes_total{" + SERVICE_LABELS + "} 600000.0"), text);
        assertTrue(text.contains("ipvsd_real_server_incoming_packets_total{" + RS1_LABELS + "} 40.0"), text);
        assertTrue(text.contains("ipvsd_real_server_connections_active{" + RS1_LABELS + "} 3.0"), text);
        assertTrue(text.contains("ipvsd_real_server_connections_inactive{" + RS1_LABELS + "} 2.0"), text);
        assertTrue(text.contains("ipvsd_real_server_weight{" + RS1_LABELS + "} 1.0"), text);
        assertTrue(text.contains("ipvsd_operations_applied_total{kind=\"add_real_server\"} 2.0"), text);
        assertTrue(text.contains("ipvsd_operations_applied_total{kind=\"add_service\"} 1.0"), text);
        assertTrue(text.contains("ipvsd_service_quorum_up{" + SERVICE_LABELS + "} 1.0"), text);
        assertTrue(text.contains("ipvsd_config_generation 1.0"), text);
        assertTrue(text.contains("ipvsd_config_last_reload_successful 1.0"), text);
        assertTrue(text.contains("ipvsd_build_info{version=\""), text);
        assertTrue(text.contains("ipvsd_pass_duration_seconds_count 3"), text);
        assertTrue(text.contains("ipvsd_drift_corrections_total 0.0"), text);
    }

    @Test
    void aChangeMadeBehindIpvsdsBackIsADriftCorrectionAHealthChangeIsNot() throws Exception {
        loop.pass();
        Destination rs1 = ipvsKernel.destinations(SERVICE).stream().filter(d -> d.key().address().equals(RS1))
                .findFirst().orElseThrow();
        DestinationSettings s = rs1.settings();
        ipvsKernel.setDestination(SERVICE, new Destination(rs1.key(), rs1.family(),
                new DestinationSettings(s.method(), 9, s.upperThreshold(), s.lowerThreshold(), s.tunnel()), 0, 0, 0,
                Stats.ZERO));
        loop.pass();
        assertTrue(get("/metrics").body().contains("ipvsd_drift_corrections_total 1.0"));

        TargetKey key = new TargetKey(SERVICE.toString(), RS1, 80);
        TargetStatus down = new TargetStatus(HealthState.DOWN, CheckResult.failure("connect refused"), 3,
                Instant.parse("2026-12-01T07:00:05Z"), 1);
        health.put(key, down);
        loop.healthChanged(new HealthChange(key, new Target(RS1, 80, 1, CheckPolicy.none()),
                new TargetStatus(HealthState.UP, null, 1, Instant.EPOCH, 1), down));
        loop.pass();
        String text = get("/metrics").body();
        assertTrue(text.contains("ipvsd_drift_corrections_total 1.0"), "the removal followed health, not drift:\n" + text);
        assertTrue(text.contains("ipvsd_operations_applied_total{kind=\"delete_real_server\"} 1.0"), text);
        assertTrue(text.contains("ipvsd_real_server_up{" + RS1_LABELS + "} 0.0"), text);
        assertTrue(text.contains("ipvsd_real_server_last_change_timestamp_seconds{" + RS1_LABELS + "} 1.796108405E9"),
                text);
        assertTrue(text.contains("ipvsd_real_server_transitions_total{" + RS1_LABELS + ",to=\"down\"} 1.0"), text);
    }

    @Test
    void checkSeriesOfARealServerLeaveWithItFromTheFile() throws Exception {
        loop.pass();
        TargetKey key = new TargetKey(SERVICE.toString(), RS1, 80);
        loop.metrics().checks().checked(key, CheckResult.failure("connect refused"), Duration.ofMillis(250));
        String text = get("/metrics").body();
        assertTrue(text.contains("ipvsd_health_check_failures_total{" + RS1_LABELS + "} 1.0"), text);
        assertTrue(text.contains("ipvsd_health_check_duration_seconds_sum{" + RS1_LABELS + "} 0.25"), text);
        assertTrue(text.contains("ipvsd_real_server_transitions_total{" + RS1_LABELS + ",to=\"up\"} 0.0"), text);

        Files.writeString(file, Files.readString(file).replace("""
                  [[service.real]]
                  address = "198.51.100.1"
                """, ""));
        loop.requestReload(false);
        loop.pass(); // loads the file and deletes rs1 (no connections: drained at once)
        loop.pass(); // observes the kernel without it
        text = get("/metrics").body();
        assertTrue(text.contains("ipvsd_config_generation 2.0"), text);
        assertTrue(text.contains("ipvsd_operations_applied_total{kind=\"delete_real_server\"} 1.0"), text);
        assertTrue(!text.contains("remote_address=\"198.51.100.1\""), text);
    }

    @Test
    void aTableOfMoreRealServersThanTheLimitLeavesOutTheirSeriesAndSaysHowMany() throws Exception {
        loop.pass();
        loop.pass();
        TargetKey key = new TargetKey(SERVICE.toString(), RS1, 80);
        loop.metrics().checks().checked(key, CheckResult.failure("connect refused"), Duration.ofMillis(250));
        health.put(key, new TargetStatus(HealthState.UP, CheckResult.success("connected"), 0,
                Instant.parse("2026-12-01T07:00:05Z"), 1));
        String text = get("/metrics").body();
        assertTrue(text.contains("ipvsd_real_server_weight{" + RS1_LABELS + "} 1.0"), text);
        assertTrue(text.contains("ipvsd_real_server_up{" + RS1_LABELS + "} 1.0"), text);
        assertTrue(text.contains("ipvsd_metrics_real_servers_left_out 0.0"), text);

        // Two real servers in the kernel, one allowed: no series of any real server, checked or not.
        Files.writeString(file, Files.readString(file) + "[metrics]\nmax_real_servers = 1\n");
        loop.requestReload(false);
        loop.pass();
        loop.metrics().checks().checked(key, CheckResult.failure("connect refused"), Duration.ofMillis(250));
        text = get("/metrics").body();
        assertTrue(text.contains("ipvsd_metrics_real_servers_left_out 2.0"), text);
        assertTrue(text.contains("ipvsd_service_connections_total{" + SERVICE_LABELS + "} 0.0"), text);
        assertTrue(!text.contains("remote_address="), text);

        // Back within the limit: the series come back with the next pass.
        Files.writeString(file, Files.readString(file).replace("max_real_servers = 1", "max_real_servers = 2"));
        loop.requestReload(false);
        loop.pass();
        text = get("/metrics").body();
        assertTrue(text.contains("ipvsd_metrics_real_servers_left_out 0.0"), text);
        assertTrue(text.contains("ipvsd_real_server_weight{" + RS1_LABELS + "} 1.0"), text);
        assertTrue(text.contains("ipvsd_real_server_up{" + RS1_LABELS + "} 1.0"), text);
    }

    @Test
    void healthzAnswers503WithTheReasonOnceNoPassCompletedForThreeIntervals() throws Exception {
        loop.pass();
        HttpResponse<String> ok = get("/healthz");
        assertEquals(200, ok.statusCode());
        assertEquals("ok: last pass completed 0.0s ago\n", ok.body());

        clock.advance(Duration.ofSeconds(16)); // 3 × 5 s interval
        HttpResponse<String> stale = get("/healthz");
        assertEquals(503, stale.statusCode());
        assertEquals("no pass has completed for 16.0s (allowed: 15.0s)\n", stale.body());
        assertEquals(404, get("/nothing").statusCode());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
