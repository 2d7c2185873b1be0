package io.ipvsd.daemon.health;

import static io.ipvsd.daemon.health.Policies.loopback;
import static io.ipvsd.daemon.health.Policies.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpCheckTest {
    private static final InetAddress LOOPBACK = loopback("127.0.0.1");
    private static CheckRunner runner;
    private static HttpServer server;

    @BeforeAll
    static void start() throws IOException {
        runner = CheckRunner.start();
        server = LoopbackHttpServer.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        runner.close();
    }

    @Test
    void expectedStatusIsUp() throws Exception {
        assertEquals(CheckResult.success("HTTP 200"), check(http("/ok", null, null), 1000));
    }

    @Test
    void statusOutsideTheExpectedSetIsDown() throws Exception {
        assertEquals(CheckResult.failure("HTTP 503"), check(http("/unavailable", null, null), 1000));
        HttpCheck accepting503 = new HttpCheck(false, false, "/unavailable", null, Set.of(200, 503), null, null, 0);
        assertEquals(CheckResult.success("HTTP 503"), check(accepting503, 1000));
        assertEquals(CheckResult.failure("HTTP 404"), check(http("/missing", null, null), 1000));
    }

    @Test
    void bodySubstring() throws Exception {
        assertTrue(check(http("/ok", "good", null), 1000).ok());
        assertEquals(CheckResult.failure("HTTP 200 but body lacks \"bad\""), check(http("/ok", "bad", null), 1000));
    }

    @Test
    void bodyRegex() throws Exception {
        assertTrue(check(http("/ok", null, Pattern.compile("g(o)+d\\s+here")), 1000).ok());
        assertEquals(CheckResult.failure("HTTP 200 but body does not match /^good/"),
                check(http("/ok", null, Pattern.compile("^good")), 1000));
    }

    @Test
    void onlyTheFirst64KiBOfTheResponseAreJudged() throws Exception {
        assertTrue(check(http("/big", "head-marker", null), 1000).ok());
        assertEquals(CheckResult.failure("HTTP 200 but body lacks \"tail-marker\""),
                check(http("/big", "tail-marker", null), 1000));
    }

    @Test
    void hostHeaderIsTheConfiguredHostElseTheAddress() throws Exception {
        assertTrue(check(http("/host", "host=127.0.0.1:" + port(), null), 1000).ok());
        HttpCheck named = new HttpCheck(false, false, "/host", "www.example.test", Set.of(200), "host=www.example.test", null, 0);
        assertTrue(check(named, 1000).ok());
    }

    @Test
    void answerAfterTheTimeoutIsAFailure() throws Exception {
        assertEquals(CheckResult.failure("HTTP response timeout after 200ms"), check(http("/slow", null, null), 200));
    }

    @Test
    void serverDownIsRefused() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, LOOPBACK)) {
            port = closed.getLocalPort();
        }
        HttpCheck spec = new HttpCheck(false, false, "/", null, Set.of(200), null, null, port);
        assertEquals(CheckResult.failure("connect refused"), check(spec, 1000));
    }

    @Test
    void connectionClosedWithoutAnswer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, LOOPBACK)) {
            Thread closer = new Thread(() -> {
                try (Socket accepted = silent.accept()) {
                    // Read the whole request first: closing with unread input would reset the connection.
                    BufferedReader request = new BufferedReader(
                            new InputStreamReader(accepted.getInputStream(), StandardCharsets.ISO_8859_1));
                    String line;
                    while ((line = request.readLine()) != null && !line.isEmpty()) {
                        continue;
                    }
                } catch (IOException ignored) {
                    // Test server: closing is all it does.
                }
            });
            closer.start();
            HttpCheck spec = new HttpCheck(false, false, "/", null, Set.of(200), null, null, silent.getLocalPort());
            assertEquals(CheckResult.failure("HTTP connection closed without a response"), check(spec, 1000));
            closer.join(2000);
        }
    }

    private static int port() {
        return server.getAddress().getPort();
    }

    private static HttpCheck http(String path, String contains, Pattern regex) {
        return new HttpCheck(false, false, path, null, Set.of(200), contains, regex, 0);
    }

    private static CheckResult check(HttpCheck spec, int timeoutMs) throws Exception {
        TargetKey key = new TargetKey("TCP 127.0.0.1:80", LOOPBACK, port());
        Target target = new Target(LOOPBACK, port(), 1, policy(spec, 1000, timeoutMs, 1, 1, 1000, true));
        return runner.check(key, target).get(5, TimeUnit.SECONDS);
    }
}
