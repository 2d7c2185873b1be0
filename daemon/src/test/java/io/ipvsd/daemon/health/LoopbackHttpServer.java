package io.ipvsd.daemon.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Test HTTP(S) endpoints on 127.0.0.1 with fixed answers. */
final class LoopbackHttpServer {
    private LoopbackHttpServer() {
    }

    static ExecutorService handlers() {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "test-http");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The paths HTTP and HTTPS tests use. */
    static void addTestPaths(HttpServer server) {
        server.createContext("/ok", exchange -> answer(exchange, 200, "all good here"));
        server.createContext("/unavailable", exchange -> answer(exchange, 503, "maintenance"));
        server.createContext("/host", exchange -> answer(exchange, 200, "host=" + exchange.getRequestHeaders().getFirst("Host")));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "late");
        });
        server.createContext("/big", exchange -> answer(exchange, 200, "head-marker " + "x".repeat(200_000) + " tail-marker"));
    }

    static HttpServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        addTestPaths(server);
        server.setExecutor(handlers());
        server.start();
        return server;
    }

    static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // The checker may stop reading once it has seen enough.
        }
    }
}
