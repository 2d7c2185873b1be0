package io.ipvsd.daemon.health;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * The real {@link Checker}: TCP, HTTP, HTTPS, SMTP, UDP and DNS on one NIO selector thread, ping on one
 * raw ICMP socket (and receiving thread) per address family, exec checks on a small pool.
 * Connects to the check's connect_ip and connect port if it has them, else to the real server's.
 */
public final class CheckRunner implements Checker {
    private final NioLoop loop;
    private final ExecChecker exec;
    private final Pinger ping4 = new Pinger(false);
    private final Pinger ping6 = new Pinger(true);
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
            return start(new TcpProbe(destination(target, tcp.to()), source(tcp.to()), timeout));
        }
        if (spec instanceof HttpCheck http) {
            return http(target, http, timeout);
        }
        if (spec instanceof SmtpCheck smtp) {
            return start(new SmtpProbe(destination(target, smtp.to()), source(smtp.to()), timeout, smtp.heloName()));
        }
        if (spec instanceof UdpCheck udp) {
            return start(new UdpProbe(destination(target, udp.to()), source(udp.to()), timeout, udp));
        }
        if (spec instanceof DnsCheck dns) {
            return start(new DnsProbe(destination(target, dns.to()), source(dns.to()), timeout, dns));
        }
        if (spec instanceof PingCheck ping) {
            return ping(ping.connectIp() != null ? ping.connectIp() : target.address(), timeout);
        }
        if (spec instanceof ExecCheck command) {
            return exec.check(key, target, command);
        }
        if (spec instanceof AllChecks) {
            throw new IllegalArgumentException("several checks are run one by one by the health monitor");
        }
        return CompletableFuture.completedFuture(CheckResult.success("no check"));
    }

    /** Each URL on its own connection, one after the other; the first failure is the result. */
    private CompletableFuture<CheckResult> http(Target target, HttpCheck http, Duration timeout) {
        SSLContext tls;
        try {
            tls = http.tls() ? tls(http.verifyTls()) : null;
        } catch (GeneralSecurityException e) {
            return CompletableFuture.completedFuture(CheckResult.failure("cannot set up TLS: " + e.getMessage()));
        }
        InetSocketAddress to = destination(target, http.to());
        InetSocketAddress from = source(http.to());
        CompletableFuture<CheckResult> result = CompletableFuture.completedFuture(null);
        for (HttpUrl url : http.urls()) {
            result = result.thenCompose(previous -> previous != null && !previous.ok()
                    ? CompletableFuture.completedFuture(previous)
                    : start(new HttpProbe(to, from, timeout, http, url, tls)).thenApply(r -> named(r, http, url)));
        }
        return result;
    }

    /** With several URLs, a failure says which one failed. */
    private static CheckResult named(CheckResult result, HttpCheck http, HttpUrl url) {
        return http.urls().size() > 1 && !result.ok()
                ? new CheckResult(false, url.path() + ": " + result.reason(), result.weight()) : result;
    }

    /** Pings from the loop thread, so the ICMP socket opens in the loop's network namespace like the others. */
    private CompletableFuture<CheckResult> ping(InetAddress address, Duration timeout) {
        Pinger pinger = address instanceof Inet6Address ? ping6 : ping4;
        return loop.submit(() -> pinger.ping(address, timeout));
    }

    @Override
    public void close() {
        loop.close();
        exec.close();
        ping4.close();
        ping6.close();
    }

    private CompletableFuture<CheckResult> start(LoopProbe probe) {
        loop.start(probe);
        return probe.result();
    }

    private static InetSocketAddress destination(Target target, CheckAddress to) {
        InetAddress address = to.connectIp() != null ? to.connectIp() : target.address();
        return new InetSocketAddress(address, target.checkPort(to.connectPort()));
    }

    /** The source to bind, or null for the kernel's choice. */
    private static InetSocketAddress source(CheckAddress to) {
        return to.bindIp() == null ? null : new InetSocketAddress(to.bindIp(), 0);
    }
}
