package io.ipvsd.daemon.health;

import static io.ipvsd.daemon.health.Policies.loopback;
import static io.ipvsd.daemon.health.Policies.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TcpCheckTest {
    private static final InetAddress LOOPBACK = loopback("127.0.0.1");
    private static CheckRunner runner;

    @BeforeAll
    static void start() throws IOException {
        runner = CheckRunner.start();
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    @Test
    void serverThatGoesAwayAndComesBack() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            port = server.getLocalPort();
            assertEquals(CheckResult.success("connected"), check(port, 0, 1000));
        }
        assertEquals(CheckResult.failure("connect refused"), check(port, 0, 1000));
        ServerSocket reopened = new ServerSocket(port, 50, LOOPBACK);
        try {
            assertEquals(CheckResult.success("connected"), check(port, 0, 1000));
        } finally {
            reopened.close();
        }
    }

    @Test
    void connectPortOverridesTheRealServerPort() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            assertTrue(check(1, server.getLocalPort(), 1000).ok());
        }
    }

    @Test
    void serverThatDoesNotAnswerTheHandshakeTimesOut() throws Exception {
        // A listener that never accepts: once its accept queue is full the kernel drops further SYNs.
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            List<SocketChannel> fillers = fillAcceptQueue(server.getLocalPort());
            try {
                long start = System.nanoTime();
                assertEquals(CheckResult.failure("connect timeout after 200ms"), check(server.getLocalPort(), 0, 200));
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(tookMs >= 190 && tookMs < 1000, tookMs + "ms");
            } finally {
                for (SocketChannel filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    private static List<SocketChannel> fillAcceptQueue(int port) throws IOException {
        List<SocketChannel> fillers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.connect(new InetSocketAddress(LOOPBACK, port));
            fillers.add(channel);
        }
        return fillers;
    }

    private static CheckResult check(int port, int connectPort, int timeoutMs) throws Exception {
        TargetKey key = new TargetKey("TCP 127.0.0.1:80", LOOPBACK, port);
        Target target = new Target(LOOPBACK, port, 1, policy(new TcpCheck(connectPort), 1000, timeoutMs, 1, 1, 1000, true));
        return runner.check(key, target).get(5, TimeUnit.SECONDS);
    }
}
