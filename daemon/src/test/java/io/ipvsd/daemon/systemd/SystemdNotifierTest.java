package io.ipvsd.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import io.ipvsd.daemon.reconcile.OperationFailure;
import io.ipvsd.daemon.reconcile.TickReport;
import io.ipvsd.daemon.vrrp.runtime.InstanceStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdNotifierTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:32:01Z");

    private final List<String> sent = new ArrayList<>();
    private final AtomicLong monotonic = new AtomicLong(5_000_000_000L);
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private SystemdNotifier notifier(long watchdogNanos) {
        return new SystemdNotifier(sent::add, watchdogNanos, monotonic::get, clock);
    }

    private Config config() throws IOException {
        Path file = dir.resolve("ipvsd.toml");
        Files.writeString(file, """
                [[service]]
                name = "web"
                protocol = "tcp"
                address = "10.0.0.1"
                port = 80
                scheduler = "rr"
                [[service.real]]
                address = "10.0.1.1"
                port = 80
                [[service.real]]
                address = "10.0.1.2"
                port = 80
                """);
        return ((LoadResult.Loaded) ConfigLoader.load(file)).config();
    }

    private static TickReport converged() {
        return new TickReport(T0, Duration.ofMillis(3), Duration.ofMillis(2), null, 0, List.of(), null, List.of(), null,
                TickReport.RealServerReads.NONE);
    }

    private static TickReport refused() {
        return new TickReport(T0, Duration.ofMillis(3), Duration.ofMillis(2), null, 0,
                List.of(new OperationFailure("~ sysctl net.ipv4.vs.conntrack ? -> 1", 2, "does not exist")), null,
                List.of(), null, TickReport.RealServerReads.NONE);
    }

    @Test
    void readyOnlyOnceAPassConverged() throws IOException {
        SystemdNotifier n = notifier(0);
        Config c = config();
        n.passed(refused(), c, Map.of(), List.of());
        n.reloading(); // still starting: no RELOADING=1 (systemd would not leave "activating" on READY)
        n.reloaded(true);
        n.passed(converged(), c, Map.of(), List.of());
        n.passed(converged(), c, Map.of(), List.of());
        assertEquals(List.of(
                "STATUS=starting, not converged yet: 1 service, 2/2 real servers up, last pass 10:32:01 applied 0 changes, 1 refused by the kernel",
                "READY=1\nSTATUS=1 service, 2/2 real servers up, last pass 10:32:01 in sync",
                "STATUS=1 service, 2/2 real servers up, last pass 10:32:01 in sync"), sent);
    }

    @Test
    void reloadSendsReloadingWithMonotonicTimeThenReady() throws IOException {
        SystemdNotifier n = notifier(0);
        n.passed(converged(), config(), Map.of(), List.of());
        sent.clear();
        monotonic.set(123_456_789_000L);
        n.reloading();
        n.reloaded(false);
        n.reloading();
        n.reloaded(true);
        assertEquals(List.of(
                "RELOADING=1\nMONOTONIC_USEC=123456789",
                "READY=1\nSTATUS=1 service, 2/2 real servers up, last pass 10:32:01 in sync; "
                        + "reload at 10:32:01 not accepted, previous configuration running",
                "RELOADING=1\nMONOTONIC_USEC=123456789",
                "READY=1\nSTATUS=1 service, 2/2 real servers up, last pass 10:32:01 in sync"), sent);
    }

    @Test
    void heldFileIsReadyWithTheReason() {
        SystemdNotifier n = notifier(0);
        n.held("ipvsd.toml would remove 3 of 4 services ipvsd owns:\n  tcp 10.0.0.1:80");
        assertEquals(List.of("READY=1\nSTATUS=holding the file, kernel untouched until `ipvsctl reload --allow-removal`: "
                + "ipvsd.toml would remove 3 of 4 services ipvsd owns:; tcp 10.0.0.1:80"), sent);
    }

    @Test
    void statusNamesVrrpInstancesAndCountsMany() throws IOException {
        SystemdNotifier n = notifier(0);
        Config c = config();
        n.passed(converged(), c, Map.of(), List.of(instance("VI_1", "MASTER"), instance("VI_2", "BACKUP")));
        n.passed(converged(), c, Map.of(), List.of(instance("a", "MASTER"), instance("b", "BACKUP"),
                instance("c", "BACKUP"), instance("d", "FAULT")));
        assertTrue(sent.get(0).endsWith("in sync, VRRP VI_1 MASTER, VI_2 BACKUP"), sent.get(0));
        assertTrue(sent.get(1).endsWith("in sync, VRRP 2 BACKUP, 1 FAULT, 1 MASTER"), sent.get(1));
    }

    private static InstanceStatus instance(String name, String state) {
        return new InstanceStatus(name, "eth0", 51, 3, state, 100, 100, null, T0, List.of(), 0, 0, Map.of(), List.of());
    }

    @Test
    void watchdogAtMostEveryQuarterPeriod() {
        SystemdNotifier n = notifier(4_000_000_000L);
        n.alive();
        monotonic.addAndGet(999_000_000L);
        n.alive();
        monotonic.addAndGet(1_000_000L);
        n.alive();
        assertEquals(List.of("WATCHDOG=1", "WATCHDOG=1"), sent);
    }

    @Test
    void noWatchdogWithoutWatchdogUsec() {
        notifier(0).alive();
        assertEquals(List.of(), sent);
    }

    @Test
    void watchdogFollowsWatchdogPid() {
        assertEquals(2_000_000_000L, SystemdNotifier.watchdogNanos(Map.of("WATCHDOG_USEC", "2000000"), 42));
        assertEquals(2_000_000_000L,
                SystemdNotifier.watchdogNanos(Map.of("WATCHDOG_USEC", "2000000", "WATCHDOG_PID", "42"), 42));
        assertEquals(0, SystemdNotifier.watchdogNanos(Map.of("WATCHDOG_USEC", "2000000", "WATCHDOG_PID", "41"), 42));
        assertEquals(0, SystemdNotifier.watchdogNanos(Map.of("WATCHDOG_USEC", "soon"), 42));
    }

    @Test
    void stoppingOnce() {
        SystemdNotifier n = notifier(0);
        n.stopping();
        n.stopping();
        assertEquals(List.of("STOPPING=1\nSTATUS=stopping; IPVS, nf_tables and sysctls stay as they are"), sent);
    }

    @Test
    void sendsToAnAbstractNotifySocket() throws IOException {
        try (UnixDatagramChannel listener = UnixDatagramChannel.open()) {
            String name = "ipvsd-notify-test-" + ProcessHandle.current().pid();
            listener.bind(new UnixSocketAddress("\0" + name));
            SystemdNotifier enabled = SystemdNotifier.from(Map.of("NOTIFY_SOCKET", "@" + name), 1);
            enabled.stopping();
            ByteBuffer buf = ByteBuffer.allocate(512);
            listener.receive(buf);
            buf.flip();
            assertEquals("STOPPING=1\nSTATUS=stopping; IPVS, nf_tables and sysctls stay as they are",
                    StandardCharsets.UTF_8.decode(buf).toString());
        }
    }
}
