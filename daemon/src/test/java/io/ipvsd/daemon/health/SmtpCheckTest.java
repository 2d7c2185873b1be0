package io.ipvsd.daemon.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SMTP probe against a scripted server on loopback: what it sends and how it judges the replies. */
class SmtpCheckTest {
    private final CheckRunner runner = CheckRunner.start();
    private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private final List<String> heard = new ArrayList<>();

    SmtpCheckTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        runner.close();
        server.close();
    }

    /** Answers one connection: greeting, then one reply per line received, then closes. */
    private CompletableFuture<Void> script(String greeting, String... replies) {
        return CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                OutputStream out = s.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                for (String reply : replies) {
                    String line = in.readLine();
                    if (line == null) {
                        return;
                    }
                    synchronized (heard) {
                        heard.add(line);
                    }
                    out.write(reply.getBytes(StandardCharsets.US_ASCII));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private CheckResult check() throws Exception {
        TargetKey key = Policies.key("127.0.0.1", server.getLocalPort());
        SmtpCheck spec = new SmtpCheck(CheckAddress.REAL_SERVER, "probe.example");
        return runner.check(key, Policies.target(key, 1, Policies.policy(spec, 1000, 2000, 1, 1, 1000, true)))
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void greetingHeloAndQuit() throws Exception {
        CompletableFuture<Void> done = script("220-mx.test ESMTP\r\n220 ready\r\n", "250 mx.test\r\n", "221 bye\r\n");
        assertEquals(CheckResult.success("SMTP 250"), check());
        done.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("HELO probe.example", "QUIT"), heard);
    }

    @Test
    void aRefusedHeloFails() throws Exception {
        script("220 ready\r\n", "554 go away\r\n");
        assertEquals(CheckResult.failure("SMTP HELO answered 554"), check());
    }

    @Test
    void aBusyGreetingFails() throws Exception {
        script("421 too busy\r\n");
        assertEquals(CheckResult.failure("SMTP greeting 421"), check());
    }

    @Test
    void closingAfterHeloFailsNamingTheStep() throws Exception {
        script("220 ready\r\n", "");
        assertEquals(CheckResult.failure("connection closed before the SMTP HELO reply"), check());
    }
}
