package io.ipvsd.daemon.health;

import static io.ipvsd.daemon.health.Policies.loopback;
import static io.ipvsd.daemon.health.Policies.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The whole monitor with real threads and real loopback servers that go down and come back. */
class HealthMonitorLoopbackTest {
    private static final InetAddress LOOPBACK = loopback("127.0.0.1");

    private final BlockingQueue<HealthChange> changes = new LinkedBlockingQueue<>();

    @Test
    void tcpServerUpDownUp() throws Exception {
        try (HealthMonitor monitor = HealthMonitor.start(changes::add)) {
            ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
            int port = server.getLocalPort();
            TargetKey key = new TargetKey("TCP 127.0.0.1:80", LOOPBACK, port);
            // Starts down: two successes (about 50 ms apart) bring it up.
            monitor.update(Map.of(key, new Target(LOOPBACK, port, 5,
                    policy(new TcpCheck(0), 50, 200, 2, 2, 50, false))));

            HealthChange up = next();
            assertEquals(HealthState.UP, up.after().state());
            assertEquals("connected", up.after().lastResult().reason());

            server.close();
            HealthChange down = next();
            assertEquals(HealthState.DOWN, down.after().state());
            assertEquals("connect refused", down.after().lastResult().reason());
            assertEquals(2, down.after().consecutive());

            ServerSocket reopened = new ServerSocket(port, 50, LOOPBACK);
            try {
                assertEquals(HealthState.UP, next().after().state());
                TargetStatus status = monitor.snapshot().get(key);
                assertTrue(status.up());
                assertEquals(5, status.weight());
            } finally {
                reopened.close();
            }
        }
    }

    @Test
    void httpServerAnsweringWrongStatusGoesDownAndRecovers() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 50);
        server.createContext("/health", exchange -> LoopbackHttpServer.answer(exchange, status.get(), "state"));
        server.setExecutor(LoopbackHttpServer.handlers());
        server.start();
        try (HealthMonitor monitor = HealthMonitor.start(changes::add)) {
            int port = server.getAddress().getPort();
            TargetKey key = new TargetKey("TCP 127.0.0.1:80", LOOPBACK, port);
            HttpCheck spec = new HttpCheck(false, false, "/health", null, Set.of(200), "state", null, 0);
            monitor.update(Map.of(key, new Target(LOOPBACK, port, 1, policy(spec, 50, 500, 3, 2, 50, true))));

            status.set(503);
            HealthChange down = next();
            assertEquals(HealthState.DOWN, down.after().state());
            assertEquals("HTTP 503", down.after().lastResult().reason());
            assertEquals(3, down.after().consecutive());

            status.set(200);
            assertEquals(HealthState.UP, next().after().state());
        } finally {
            server.stop(0);
        }
    }

    private HealthChange next() throws InterruptedException {
        HealthChange change = changes.poll(5, TimeUnit.SECONDS);
        assertNotNull(change, "no health change within 5 s");
        return change;
    }
}
