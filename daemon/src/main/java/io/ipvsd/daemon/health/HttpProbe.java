package io.ipvsd.daemon.health;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * One URL of keepalived's HTTP_GET / SSL_GET: one HTTP/1.0 GET with {@code Connection: close}, judged on the status
 * code and, if asked, the first {@value #MAX_RESPONSE_BYTES} bytes of the response. HTTP/1.0 keeps the
 * answer simple: servers may not send it chunked.
 */
final class HttpProbe extends NioProbe {
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final HttpCheck spec;
    private final HttpUrl url;
    /** Null for plain HTTP. */
    private final SSLContext tlsContext;
    private final InetSocketAddress address;
    private final ByteBuffer request;
    private final HttpResponseReader response;
    private ProbeTransport transport;
    private boolean handshakeDone;

    HttpProbe(InetSocketAddress address, InetSocketAddress bind, Duration timeout, HttpCheck spec, HttpUrl url,
              SSLContext tlsContext) {
        super(address, bind, timeout);
        this.spec = spec;
        this.url = url;
        this.tlsContext = tlsContext;
        this.address = address;
        String host = spec.host() != null ? spec.host() : hostHeader(address, spec.tls());
        this.request = ByteBuffer.wrap(("GET " + url.path() + " HTTP/1.0\r\n"
                + "Host: " + host + "\r\n"
                + "User-Agent: ipvsd-health-check\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        this.response = HttpResponseReader.forUrl(url, MAX_RESPONSE_BYTES);
    }

    @Override
    protected void connected() throws IOException {
        if (tlsContext != null) {
            transport = new TlsTransport(channel, newEngine());
            phase("TLS handshake");
        } else {
            transport = new PlainTransport(channel);
        }
        proceed();
    }

    @Override
    protected void ready() throws IOException {
        proceed();
    }

    private void proceed() throws IOException {
        if (!handshakeDone) {
            if (!transport.handshake()) {
                waitFor(transport.waitingFor());
                return;
            }
            handshakeDone = true;
            phase("HTTP request");
        }
        if (request.hasRemaining()) {
            if (!transport.write(request)) {
                waitFor(transport.waitingFor());
                return;
            }
            phase("HTTP response");
        }
        while (true) {
            ByteBuffer buffer = loop.readBuffer();
            int count = transport.read(buffer);
            if (count == 0) {
                waitFor(transport.waitingFor());
                return;
            }
            if (count > 0) {
                response.append(buffer.flip());
            }
            if (count < 0 || response.complete()) {
                finish(response.judge(url));
                return;
            }
        }
    }

    private SSLEngine newEngine() {
        SSLEngine engine = tlsContext.createSSLEngine(tlsPeerHost(), address.getPort());
        engine.setUseClientMode(true);
        if (spec.verifyTls()) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return engine;
    }

    /** Name the certificate must carry (and SNI, for a DNS name): the configured host without its port, else the address. */
    private String tlsPeerHost() {
        String host = spec.host();
        if (host == null) {
            return address.getAddress().getHostAddress();
        }
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(1, close) : host;
        }
        int colon = host.indexOf(':');
        return colon >= 0 && colon == host.lastIndexOf(':') ? host.substring(0, colon) : host;
    }

    private static String hostHeader(InetSocketAddress address, boolean tls) {
        String literal = address.getAddress().getHostAddress();
        String host = address.getAddress() instanceof Inet6Address ? "[" + literal + "]" : literal;
        return address.getPort() == (tls ? 443 : 80) ? host : host + ":" + address.getPort();
    }
}
