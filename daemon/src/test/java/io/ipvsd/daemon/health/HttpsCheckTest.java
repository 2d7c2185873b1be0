package io.ipvsd.daemon.health;

import static io.ipvsd.daemon.health.Policies.loopback;
import static io.ipvsd.daemon.health.Policies.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS against a self-signed certificate for 127.0.0.1 made by keytool for this test. */
class HttpsCheckTest {
    private static final InetAddress LOOPBACK = loopback("127.0.0.1");
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static CheckRunner defaultTrust;
    private static CheckRunner trustingTheTestCert;

    @BeforeAll
    static void start() throws Exception {
        KeyStore keys = selfSignedKeyStore(dir.resolve("server.p12"));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        LoopbackHttpServer.addTestPaths(server);
        server.setExecutor(LoopbackHttpServer.handlers());
        server.start();

        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keys.getCertificate("server"));
        trust.init(trusted);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trust.getTrustManagers(), null);
        defaultTrust = CheckRunner.start();
        trustingTheTestCert = CheckRunner.start(clientContext);
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        defaultTrust.close();
        trustingTheTestCert.close();
    }

    @Test
    void withoutVerificationASelfSignedCertificateIsAccepted() throws Exception {
        assertEquals(CheckResult.success("HTTP 200"), check(defaultTrust, https(false, "/ok", null, "good")));
        assertEquals(CheckResult.failure("HTTP 503"), check(defaultTrust, https(false, "/unavailable", null, null)));
    }

    @Test
    void withVerificationAnUntrustedCertificateFailsTheHandshake() throws Exception {
        CheckResult result = check(defaultTrust, https(true, "/ok", null, null));
        assertFalse(result.ok());
        assertTrue(result.reason().startsWith("TLS handshake failed: "), result.reason());
    }

    @Test
    void withVerificationATrustedCertificateMustAlsoNameTheHost() throws Exception {
        assertEquals(CheckResult.success("HTTP 200"), check(trustingTheTestCert, https(true, "/ok", null, null)));
        CheckResult wrongName = check(trustingTheTestCert, https(true, "/ok", "wrong.example.test", null));
        assertFalse(wrongName.ok());
        assertTrue(wrongName.reason().startsWith("TLS handshake failed: "), wrongName.reason());
    }

    @Test
    void turningVerificationOffForOneCheckLeavesOthersVerified() throws Exception {
        assertTrue(check(defaultTrust, https(false, "/ok", null, null)).ok());
        assertFalse(check(defaultTrust, https(true, "/ok", null, null)).ok());
    }

    @Test
    void largeBodiesAreReadThroughTls() throws Exception {
        assertTrue(check(defaultTrust, https(false, "/big", null, "head-marker")).ok());
    }

    @Test
    void slowAnswerOverTlsTimesOut() throws Exception {
        assertEquals(CheckResult.failure("HTTP response timeout after 300ms"),
                check(defaultTrust, https(false, "/slow", null, null), 300));
    }

    private static HttpCheck https(boolean verify, String path, String host, String contains) {
        return new HttpCheck(true, verify, path, host, Set.of(200), contains, null, 0);
    }

    private static CheckResult check(CheckRunner runner, HttpCheck spec) throws Exception {
        return check(runner, spec, 2000);
    }

    private static CheckResult check(CheckRunner runner, HttpCheck spec, int timeoutMs) throws Exception {
        int port = server.getAddress().getPort();
        TargetKey key = new TargetKey("TCP 127.0.0.1:443", LOOPBACK, port);
        Target target = new Target(LOOPBACK, port, 1, policy(spec, 1000, timeoutMs, 1, 1, 1000, true));
        return runner.check(key, target).get(5, TimeUnit.SECONDS);
    }

    private static KeyStore selfSignedKeyStore(Path file) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", "changeit", "-keypass", "changeit"))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, output);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }
}
