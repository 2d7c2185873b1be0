package io.ipvsd.daemon.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Sends one request to the daemon's control socket and returns its answer, within a deadline. */
public final class ControlClient {
    private ControlClient() {
    }

    public static String request(Path socket, String request, long timeoutMillis) throws IOException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "control-timeout");
            t.setDaemon(true);
            return t;
        });
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // A daemon that hangs must not hang the CLI: closing the channel unblocks connect/read.
            ScheduledFuture<?> deadline = timer.schedule(() -> {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already closing
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                ByteBuffer out = ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8));
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                ByteBuffer in = ByteBuffer.allocate(64 * 1024);
                while (ch.read(in) >= 0) {
                    answer.write(in.array(), 0, in.position());
                    in.clear();
                }
                return answer.toString(StandardCharsets.UTF_8).trim();
            } catch (java.nio.channels.AsynchronousCloseException e) {
                throw new IOException("no answer from " + socket + " within " + timeoutMillis + " ms");
            } finally {
                deadline.cancel(false);
            }
        } finally {
            timer.shutdownNow();
        }
    }
}
