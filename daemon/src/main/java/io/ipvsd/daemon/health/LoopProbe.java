package io.ipvsd.daemon.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One non-blocking check on one channel, driven by the {@link NioLoop} thread: open, then whatever the
 * subclass does, all within the timeout. Every method runs on the loop thread.
 */
abstract class LoopProbe {
    private final CompletableFuture<CheckResult> result = new CompletableFuture<>();
    private final Duration timeout;
    private long deadline;
    /** What the probe is waiting for, named in timeout and error reasons: "connect", "HTTP response"... */
    private String phase;
    protected NioLoop loop;
    private SelectableChannel channel;
    private SelectionKey key;

    LoopProbe(Duration timeout, String firstPhase) {
        this.timeout = timeout;
        this.phase = firstPhase;
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

    /** Opens the channel, non-blocking; the loop registers it. */
    protected abstract SelectableChannel open() throws IOException;

    /** Called once the channel is registered: start the exchange. */
    protected abstract void started() throws IOException;

    /** The channel is ready for {@code readyOps}. */
    protected abstract void selected(int readyOps) throws IOException;

    /** What a timeout means; most checks fail, a UDP check without require_reply passes. */
    protected CheckResult onTimeout() {
        return CheckResult.failure(phase + " timeout after " + timeout.toMillis() + "ms");
    }

    final void begin(NioLoop nioLoop) {
        loop = nioLoop;
        deadline = System.nanoTime() + timeout.toNanos();
        try {
            channel = open();
            key = channel.register(loop.selector(), 0, this);
            loop.watchDeadline(this);
            started();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    final void onSelected(int readyOps) {
        try {
            selected(readyOps);
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    final void timedOut() {
        finish(onTimeout());
    }

    protected final void phase(String name) {
        phase = name;
    }

    protected final void waitFor(int ops) {
        key.interestOps(ops);
    }

    /** Closes the channel and reports {@code outcome}, once; later calls do nothing. */
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

    protected final void fail(Exception e) {
        finish(CheckResult.failure(describe(e)));
    }

    private String describe(Exception e) {
        if (e instanceof ConnectException && "Connection refused".equals(e.getMessage())) {
            return phase + " refused";
        }
        if (e instanceof PortUnreachableException) {
            return phase + " failed: ICMP port unreachable";
        }
        if (e instanceof NoRouteToHostException) {
            return phase + " failed: no route to host";
        }
        String message = e.getMessage();
        return phase + " failed: " + (message == null ? e.getClass().getSimpleName() : message);
    }
}
