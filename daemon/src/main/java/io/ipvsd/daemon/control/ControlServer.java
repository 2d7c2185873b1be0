package io.ipvsd.daemon.control;

import io.ipvsd.daemon.retry.Backoff;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's Unix control socket. A client sends one request line (e.g. "status") and reads
 * one answer until the server closes. Only root can connect: the socket is mode 0600, in a
 * directory ipvsd creates as 0700.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final int MAX_REQUEST = 1024;
    private static final int MAX_CLIENTS = 4;
    /** A client that has not been served by then is disconnected, so none can pin a worker. */
    private static final long CLIENT_DEADLINE_MS = 5_000;

    private final Path path;
    private final ServerSocketChannel server;
    private final Function<String, String> handler;
    private final Semaphore slots = new Semaphore(MAX_CLIENTS);
    private final ExecutorService workers = Executors.newFixedThreadPool(MAX_CLIENTS, daemonThreads("control-client"));
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemonThreads("control-watchdog"));

    /**
     * @param handler maps a request line to the answer text; runs on a control thread
     */
    public ControlServer(Path path, Function<String, String> handler) throws IOException {
        this(path, handler, socket -> Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------")));
    }

    /** How the bound socket file is made private; a seam so a test can make it fail. */
    @FunctionalInterface
    interface Restrict {
        void apply(Path socket) throws IOException;
    }

    ControlServer(Path path, Function<String, String> handler, Restrict restrict) throws IOException {
        this.path = path;
        this.handler = handler;
        Path dir = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        // A socket file left by a daemon that died cannot be bound again. (A live daemon's socket is
        // never reached: the state_dir lock stops a second daemon before it gets here.)
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            restrict.apply(path);
        } catch (IOException | RuntimeException e) {
            // Neither a listening socket nor a file anyone could connect to is left behind.
            server.close();
            workers.shutdownNow();
            watchdog.shutdownNow();
            Files.deleteIfExists(path);
            throw e;
        }
        Thread acceptor = daemonThreads("control-accept").newThread(this::acceptLoop);
        acceptor.start();
    }

    private void acceptLoop() {
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1));
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                backoff.succeeded();
                if (!slots.tryAcquire()) {
                    client.close();
                    continue;
                }
                workers.execute(() -> serveAndRelease(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    // EMFILE and the like come back at once: pause instead of spinning on them.
                    LOG.warn("control socket accept failed: {}", e.getMessage());
                    if (!backoff.pauseAfterFailure()) {
                        return;
                    }
                }
            }
        }
    }

    private void serveAndRelease(SocketChannel client) {
        // The deadline covers reading the request and writing the answer; a reload's handler waits
        // for the daemon's pass, bounded by the daemon itself.
        ScheduledFuture<?> timeout = watchdog.schedule(() -> closeQuietly(client), CLIENT_DEADLINE_MS, TimeUnit.MILLISECONDS);
        try (client) {
            String request = readLine(client);
            timeout.cancel(false);
            String answer = handler.apply(request);
            timeout = watchdog.schedule(() -> closeQuietly(client), CLIENT_DEADLINE_MS, TimeUnit.MILLISECONDS);
            ByteBuffer out = ByteBuffer.wrap((answer + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                client.write(out);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("control client dropped: {}", e.toString());
        } finally {
            timeout.cancel(false);
            slots.release();
        }
    }

    /** Reads up to the first newline or end of stream, at most MAX_REQUEST bytes. */
    private static String readLine(SocketChannel client) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(MAX_REQUEST);
        while (in.hasRemaining()) {
            int n = client.read(in);
            if (n < 0 || containsNewline(in)) {
                break;
            }
        }
        String text = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        return (nl >= 0 ? text.substring(0, nl) : text).trim();
    }

    private static boolean containsNewline(ByteBuffer in) {
        for (int i = 0; i < in.position(); i++) {
            if (in.get(i) == '\n') {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing to unblock a stalled client; nothing more to do
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
        watchdog.shutdownNow();
        Files.deleteIfExists(path);
    }
}
