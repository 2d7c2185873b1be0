package io.ipvsd.daemon.metrics;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP listener: the Prometheus client's own server for /metrics (text format; the protobuf
 * format's jar is left out of the build), and /healthz beside it. Any other path is 404.
 */
final class MetricsServer implements AutoCloseable {
    private final HTTPServer server;
    private final InetSocketAddress address;

    private MetricsServer(HTTPServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    static MetricsServer start(InetSocketAddress listen, PrometheusRegistry registry, Healthz healthz)
            throws IOException {
        HTTPServer server = HTTPServer.builder()
                .inetAddress(listen.getAddress())
                .port(listen.getPort())
                .registry(registry)
                .registerHealthHandler(false)
                .defaultHandler(exchange -> handle(exchange, healthz))
                .buildAndStart();
        return new MetricsServer(server, new InetSocketAddress(listen.getAddress(), server.getPort()));
    }

    private static void handle(HttpExchange exchange, Healthz healthz) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/healthz")) {
                Healthz.Verdict verdict = healthz.verdict();
                reply(exchange, verdict.httpStatus(), verdict.reason() + "\n");
            } else {
                reply(exchange, 404, "not found: ipvsd serves /metrics and /healthz\n");
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        server.close();
    }
}
