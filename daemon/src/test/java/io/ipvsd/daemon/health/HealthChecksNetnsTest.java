package io.ipvsd.daemon.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.netlink.jnr.Netns;
import io.ipvsd.packet.VethLab;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checks of issue 13 against real servers (Debian's socat, dnsmasq, python3's smtpd and
 * http.server) in a network namespace: the checker runs in namespace A (192.0.2.1, 2001:db8::1), the
 * servers in namespace B (192.0.2.2, 2001:db8::2), joined by a veth pair. Needs root.
 */
class HealthChecksNetnsTest {
    private static final String SERVER = "192.0.2.2";
    /** No host has it: pings and connections to it go unanswered. */
    private static final String DEAD = "192.0.2.99";
    private static final String DEBIAN_PYTHON = "/usr/bin/python3";
    private static final List<Process> servers = new ArrayList<>();
    private static VethLab lab;
    private static CheckRunner runner;
    private static Path webRoot;
    private static Path httpLog;

    @BeforeAll
    static void start() throws Exception {
        lab = VethLab.create();
        lab.inA("ip", "addr", "add", "2001:db8::1/64", "dev", "va", "nodad");
        lab.inA("ip", "addr", "add", "192.0.2.11/24", "dev", "va");
        lab.inB("ip", "addr", "add", "2001:db8::2/64", "dev", "vb", "nodad");
        webRoot = Files.createTempDirectory("ipvsd-health-web");
        Files.writeString(webRoot.resolve("a.txt"), "hello\n");
        Files.writeString(webRoot.resolve("b.txt"), "ok b\n");
        httpLog = Files.createTempFile("ipvsd-health-http", ".log");
        serve(lab.nsB, "socat", "UDP4-LISTEN:7,fork,reuseaddr", "PIPE");
        serve(lab.nsB, "dnsmasq", "--keep-in-foreground", "--no-resolv", "--no-hosts", "--conf-file=/dev/null",
                "--pid-file", "--user=root", "--bind-interfaces", "--listen-address=" + SERVER, "--port=53",
                "--address=/www.example.test/192.0.2.80");
        serve(lab.nsB, DEBIAN_PYTHON, "-W", "ignore", "-m", "smtpd", "-n", "-c", "DebuggingServer", SERVER + ":25");
        ProcessBuilder web = new ProcessBuilder("ip", "netns", "exec", lab.nsB, DEBIAN_PYTHON, "-m", "http.server",
                "--bind", SERVER, "--directory", webRoot.toString(), "80")
                .redirectError(httpLog.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        servers.add(web.start());
        awaitListening("-lnu", 7);
        awaitListening("-lnu", 53);
        awaitListening("-lnt", 25);
        awaitListening("-lnt", 80);
        runner = Netns.callIn(lab.pathA(), CheckRunner::start);
    }

    @AfterAll
    static void stop() throws Exception {
        if (runner != null) {
            runner.close();
        }
        for (Process p : servers) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static void serve(String ns, String... argv) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        command.addAll(List.of(argv));
        servers.add(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    private static void awaitListening(String ssOptions, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!lab.inB("ss", "-H", ssOptions, "sport = :" + port).contains(":" + port)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("nothing listens on port " + port + " in " + lab.nsB);
            }
            Thread.sleep(50);
        }
    }

    private static CheckResult check(String address, int port, CheckSpec spec) throws Exception {
        TargetKey key = new TargetKey("test", InetAddress.getByName(address), port);
        CheckPolicy policy = new CheckPolicy(spec, Duration.ofSeconds(1), Duration.ofMillis(1500), 1, 1,
                Duration.ofSeconds(1), true, Duration.ZERO);
        return runner.check(key, new Target(key.address(), port, 1, policy)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void pingAnsweredOverIpv4AndIpv6AndNotByADeadAddress() throws Exception {
        CheckResult v4 = check(SERVER, 0, new PingCheck(null));
        assertTrue(v4.ok(), v4.reason());
        assertTrue(v4.reason().startsWith("echo reply in "), v4.reason());
        CheckResult v6 = check("2001:db8::2", 0, new PingCheck(null));
        assertTrue(v6.ok(), v6.reason());
        assertEquals(CheckResult.failure("ICMP echo timeout after 1500ms"), check(DEAD, 0, new PingCheck(null)));
        assertTrue(check(DEAD, 0, new PingCheck(InetAddress.getByName(SERVER))).ok(), "connect_ip is pinged instead");
    }

    @Test
    void manyPingsAtOnceShareTheSocketAndEachGetsItsOwnReply() throws Exception {
        TargetKey key = new TargetKey("test", InetAddress.getByName(SERVER), 0);
        CheckPolicy policy = new CheckPolicy(new PingCheck(null), Duration.ofSeconds(1), Duration.ofMillis(1500), 1, 1,
                Duration.ofSeconds(1), true, Duration.ZERO);
        TargetKey dead = new TargetKey("test", InetAddress.getByName(DEAD), 0);
        var up = new ArrayList<java.util.concurrent.CompletableFuture<CheckResult>>();
        var down = new ArrayList<java.util.concurrent.CompletableFuture<CheckResult>>();
        for (int i = 0; i < 20; i++) {
            up.add(runner.check(key, new Target(key.address(), 0, 1, policy)));
            down.add(runner.check(dead, new Target(dead.address(), 0, 1, policy)));
        }
        for (var f : up) {
            assertTrue(f.get(10, TimeUnit.SECONDS).ok());
        }
        for (var f : down) {
            assertFalse(f.get(10, TimeUnit.SECONDS).ok());
        }
    }

    @Test
    void udpEchoServerAnswersAndAClosedPortSendsIcmpUnreachable() throws Exception {
        assertEquals(CheckResult.success("UDP reply of 3 bytes"),
                check(SERVER, 7, new UdpCheck(CheckAddress.REAL_SERVER, "0a0b0c", true, "0a0b")));
        assertEquals(CheckResult.failure("UDP reply of 3 bytes does not start with ff"),
                check(SERVER, 7, new UdpCheck(CheckAddress.REAL_SERVER, "0a0b0c", true, "ff")));
        assertEquals(CheckResult.failure("reply failed: ICMP port unreachable"),
                check(SERVER, 9, new UdpCheck(CheckAddress.REAL_SERVER, "00", false, "")),
                "keepalived's UDP_CHECK without require_reply: down on ICMP unreachable");
    }

    @Test
    void udpWithoutRequireReplyIsUpWhenNothingComplains() throws Exception {
        // dnsmasq ignores a one-byte datagram: no reply, no ICMP error.
        assertEquals(CheckResult.success("no ICMP unreachable"),
                check(SERVER, 53, new UdpCheck(CheckAddress.REAL_SERVER, "00", false, "")));
        assertEquals(CheckResult.failure("reply timeout after 1500ms"),
                check(SERVER, 53, new UdpCheck(CheckAddress.REAL_SERVER, "00", true, "")));
    }

    @Test
    void dnsAnswerFromDnsmasqAndItsRefusal() throws Exception {
        assertEquals(CheckResult.success("DNS answer"),
                check(SERVER, 53, new DnsCheck(CheckAddress.port(53), "www.example.test", DnsType.A)));
        // No upstream server: dnsmasq refuses what it has no record for (RCODE 5, REFUSED).
        assertEquals(CheckResult.failure("DNS RCODE 5"),
                check(SERVER, 53, new DnsCheck(CheckAddress.port(53), "other.invalid", DnsType.A)));
    }

    @Test
    void smtpAgainstPythonsSmtpd() throws Exception {
        assertEquals(CheckResult.success("SMTP 250"),
                check(SERVER, 25, new SmtpCheck(CheckAddress.port(25), "lb.example.test")));
        assertEquals(CheckResult.failure("connect refused"),
                check(SERVER, 26, new SmtpCheck(CheckAddress.port(26), "lb.example.test")));
    }

    @Test
    void httpSeveralUrlsWithDigestConnectIpAndBindIp() throws Exception {
        HttpUrl a = new HttpUrl("/a.txt", Set.of(200), null, null, "b1946ac92492d2347c6235b4d2611184");
        HttpUrl b = new HttpUrl("/b.txt", Set.of(200), "ok", null, null);
        HttpUrl missing = new HttpUrl("/missing", Set.of(200), null, null, null);
        HttpUrl wrongDigest = new HttpUrl("/b.txt", Set.of(200), null, null, "b1946ac92492d2347c6235b4d2611184");
        CheckAddress viaConnectIp = new CheckAddress(80, InetAddress.getByName(SERVER),
                InetAddress.getByName("192.0.2.11"));

        assertEquals(CheckResult.success("HTTP 200"),
                check(DEAD, 80, new HttpCheck(false, false, null, List.of(a, b), viaConnectIp)));
        assertEquals(CheckResult.failure("/missing: HTTP 404"),
                check(SERVER, 80, new HttpCheck(false, false, null, List.of(a, missing), CheckAddress.REAL_SERVER)));
        CheckResult digest = check(SERVER, 80, new HttpCheck(false, false, null, List.of(wrongDigest),
                CheckAddress.REAL_SERVER));
        assertFalse(digest.ok());
        assertTrue(digest.reason().startsWith("HTTP 200 but body MD5 is "), digest.reason());
        String log = Files.readString(httpLog, StandardCharsets.UTF_8);
        assertTrue(log.contains("192.0.2.11 - - ") && log.contains("\"GET /b.txt HTTP/1.0\" 200"),
                "bind_ip is the source the server saw: " + log);
    }
}
