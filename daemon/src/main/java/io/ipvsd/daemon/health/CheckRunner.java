package io.ipvsd.daemon.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * The real {@link Checker}: TCP, HTTP and HTTPS on one NIO selector thread, exec checks on a small pool.
 * Connects to the check's connect port if it has one, else to the real server's port.
 */
public final class CheckRunner implements Checker {
    private final NioLoop loop;
    private final ExecChecker exec;
    private final TlsSource verifyingSource;
    /**
     * Made on the first HTTPS check: loading the trust store takes seconds of a start under
     * emulation, and most configurations have no HTTPS check at all.
     */
    private SSLContext verifying;
    private SSLContext trustingAll;

    private CheckRunner(TlsSource verifyingSource) throws IOException {
        this.verifyingSource = verifyingSource;
        this.loop = new NioLoop();
        this.exec = new ExecChecker();
    }

    /** Verifies HTTPS servers against the JVM's default trust store. */
    public static CheckRunner start() throws IOException {
        return new CheckRunner(TlsContexts::verifying);
    }

    /** Verifies HTTPS servers with {@code verifying} (e.g. a private CA). */
    public static CheckRunner start(SSLContext verifying) throws IOException {
        return new CheckRunner(() -> verifying);
    }

    private interface TlsSource {
        SSLContext get() throws GeneralSecurityException;
    }

    private synchronized SSLContext tls(boolean verify) throws GeneralSecurityException {
        if (verify) {
            if (verifying == null) {
                verifying = verifyingSource.get();
            }
            return verifying;
        }
        if (trustingAll == null) {
            trustingAll = TlsContexts.trustingAll();
        }
        return trustingAll;
    }

    @Override
    public CompletableFuture<CheckResult> check(TargetKey key, Target target) {
        CheckSpec spec = target.policy().spec();
        Duration timeout = target.policy().timeout();
        if (spec instanceof TcpCheck tcp) {
            return start(new TcpProbe(socketAddress(target, tcp.connectPort()), timeout));
        }
        if (spec instanceof HttpCheck http) {
            SSLContext tls;
            try {
                tls = http.tls() ? tls(http.verifyTls()) : null;
            } catch (GeneralSecurityException e) {
                return CompletableFuture.completedFuture(CheckResult.failure("cannot set up TLS: " + e.getMessage()));
            }
            return start(new HttpProbe(socketAddress(target, http.connectPort()), timeout, http, tls));
        }
        if (spec instanceof ExecCheck command) {
            return exec.check(key, target, command);
        }
        return CompletableFuture.completedFuture(CheckResult.success("no check"));
    }

    @Override
    public void close() {
        loop.close();
        exec.close();
    }

    private CompletableFuture<CheckResult> start(NioProbe probe) {
        loop.start(probe);
        return probe.result();
    }

    private static InetSocketAddress socketAddress(Target target, int connectPort) {
        return new InetSocketAddress(target.address(), target.checkPort(connectPort));
    }
}
