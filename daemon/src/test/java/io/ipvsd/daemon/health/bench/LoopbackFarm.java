package io.ipvsd.daemon.health.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Child process of {@link HealthBenchmark}: N listeners spread over {@value #ADDRESSES} loopback
 * addresses (127.77.0.1..), on ports the kernel picks, all served by one selector thread. Each
 * connection gets a minimal HTTP/1.0 answer once its request is in, or is closed when the client
 * closes first (TCP checks). Prints "LISTEN address port" per listener, then "READY"; exits when its
 * standard input closes (the parent is gone) or after {@value #MAX_MINUTES} minutes.
 */
public final class LoopbackFarm {
    static final int ADDRESSES = 40;
    private static final int MAX_MINUTES = 15;
    private static final ByteBuffer RESPONSE = ByteBuffer.wrap(
            "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"
                    .getBytes(StandardCharsets.ISO_8859_1));

    private LoopbackFarm() {
    }

    public static void main(String[] args) throws IOException {
        int listeners = Integer.parseInt(args[0]);
        exitWhenParentGoes();
        Selector selector = Selector.open();
        StringBuilder announce = new StringBuilder();
        for (int i = 0; i < listeners; i++) {
            InetAddress address = InetAddress.getByAddress(new byte[] {127, 77, 0, (byte) (1 + i % ADDRESSES)});
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(address, 0), 1024);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            announce.append("LISTEN ").append(address.getHostAddress()).append(' ')
                    .append(server.socket().getLocalPort()).append('\n');
        }
        System.out.print(announce);
        System.out.println("READY");
        System.out.flush();
        serve(selector);
    }

    private static void serve(Selector selector) throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(4096);
        while (true) {
            selector.select();
            for (SelectionKey key : selector.selectedKeys()) {
                try {
                    if (key.isAcceptable()) {
                        accept(selector, (ServerSocketChannel) key.channel());
                    } else if (key.isReadable()) {
                        read(key, scratch);
                    }
                } catch (IOException e) {
                    key.channel().close();
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private static void accept(Selector selector, ServerSocketChannel server) throws IOException {
        SocketChannel client;
        while ((client = server.accept()) != null) {
            client.configureBlocking(false);
            client.register(selector, SelectionKey.OP_READ, new StringBuilder());
        }
    }

    /** Answers once the request's blank line is in; closes at end of stream. */
    private static void read(SelectionKey key, ByteBuffer scratch) throws IOException {
        SocketChannel client = (SocketChannel) key.channel();
        StringBuilder request = (StringBuilder) key.attachment();
        int count = client.read(scratch.clear());
        if (count < 0) {
            client.close();
            return;
        }
        request.append(new String(scratch.array(), 0, count, StandardCharsets.ISO_8859_1));
        if (request.indexOf("\r\n\r\n") >= 0) {
            // 80 bytes always fit in an empty socket buffer: one write is enough.
            client.write(RESPONSE.duplicate());
            client.close();
        }
    }

    private static void exitWhenParentGoes() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    continue;
                }
            } catch (IOException ignored) {
                // Either way the parent is gone.
            }
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        Thread limit = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(MAX_MINUTES));
            } catch (InterruptedException ignored) {
                // Exit anyway.
            }
            System.exit(0);
        }, "time-limit");
        limit.setDaemon(true);
        limit.start();
    }
}
