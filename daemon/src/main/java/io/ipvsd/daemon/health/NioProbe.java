package io.ipvsd.daemon.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One non-blocking check over a TCP connection, driven by the {@link NioLoop} thread: connect, then
 * whatever the subclass does, all within the timeout. Every method runs on the loop thread.
 */
abstract class NioProbe {
    private final CompletableFuture<CheckResult> result = new CompletableFuture<>();
    private final InetSocketAddress address;
    private final Duration timeout;
    private long deadline;
    /** What the probe is waiting for, named in timeout and error reasons: "connect", "HTTP response"... */
    private String phase = "connect";
    protected NioLoop loop;
    protected SocketChannel channel;
    private SelectionKey key;

    NioProbe(InetSocketAddress address, Duration timeout) {
        this.address = address;
        this.timeout = timeout;
    }

    CompletableFuture<CheckResult> result() {
        return result;
    }

    long deadline() {
        return deadline;
    }

    boolean finished() {
        return result.isDone();
    }

    /** The connection is up. */
    protected abstract void connected() throws IOException;

    /** The channel is ready for the operations last asked for with {@link #waitFor}. */
    protected abstract void ready() throws IOException;

    final void begin(NioLoop nioLoop) {
        loop = nioLoop;
        deadline = System.nanoTime() + timeout.toNanos();
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            boolean connectedAtOnce = channel.connect(address);
            key = channel.register(loop.selector(), connectedAtOnce ? 0 : SelectionKey.OP_CONNECT, this);
            loop.watchDeadline(this);
            if (connectedAtOnce) {
                connected();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    final void onSelected(int readyOps) {
        try {
            if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
                channel.finishConnect();
                // OP_CONNECT stays ready once connected: leaving it in the interest set would spin the loop.
                key.interestOps(0);
                connected();
            } else {
                ready();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    final void timedOut() {
        finish(CheckResult.failure(phase + " timeout after " + timeout.toMillis() + "ms"));
    }

    protected final void phase(String name) {
        phase = name;
    }

    protected final void waitFor(int ops) {
        key.interestOps(ops);
    }

    /** Closes the connection and reports {@code outcome}, once; later calls do nothing. */
    final void finish(CheckResult outcome) {
        if (result.isDone()) {
            return;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The check already has its result; a failing close changes nothing about it.
            }
        }
        result.complete(outcome);
    }

    private void fail(Exception e) {
        finish(CheckResult.failure(describe(e)));
    }

    private String describe(Exception e) {
        if (phase.equals("connect") && e instanceof ConnectException && "Connection refused".equals(e.getMessage())) {
            return "connect refused";
        }
        if (e instanceof NoRouteToHostException) {
            return phase + " failed: no route to host";
        }
        String message = e.getMessage();
        return phase + " failed: " + (message == null ? e.getClass().getSimpleName() : message);
    }
}
