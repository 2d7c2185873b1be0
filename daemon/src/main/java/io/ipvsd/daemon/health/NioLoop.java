package io.ipvsd.daemon.health;

import io.ipvsd.daemon.retry.Backoff;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread that drives every network probe (TCP, HTTP, HTTPS, SMTP, UDP, DNS) and enforces their deadlines,
 * so the number of threads does not grow with the number of targets.
 */
final class NioLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NioLoop.class);
    private static final int READ_BUFFER_BYTES = 16 * 1024;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Saves a wakeup system call per submitted probe when the loop is already going to look at the queue. */
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /** Probes by deadline; finished ones stay until their deadline passes (cheaper than removing them). */
    private final PriorityQueue<LoopProbe> deadlines = new PriorityQueue<>(Comparator.comparingLong(LoopProbe::deadline));
    /** Shared by all probes: they only read on this thread and copy out what they keep. */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private volatile boolean running = true;

    NioLoop() throws IOException {
        selector = Selector.open();
        thread = Threads.daemon("ipvsd-health-nio").newThread(this::run);
        thread.start();
    }

    /** Starts a probe on the loop thread; callable from any thread. */
    void start(LoopProbe probe) {
        tasks.add(() -> probe.begin(this));
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Runs {@code work} on the loop thread; its future completes with the one work returns. */
    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                work.get().whenComplete((value, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        result.complete(value);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
        return result;
    }

    Selector selector() {
        return selector;
    }

    ByteBuffer readBuffer() {
        return readBuffer.clear();
    }

    void watchDeadline(LoopProbe probe) {
        deadlines.add(probe);
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1));
        while (running) {
            try {
                wakeupPending.set(false);
                runTasks();
                selector.select(expireDeadlines());
                dispatchReady();
                backoff.succeeded();
            } catch (ClosedSelectorException e) {
                log.error("health check selector closed; network checks stop", e);
                break;
            } catch (IOException | RuntimeException e) {
                // The same failure would come back at once: pause rather than spin and flood the log.
                log.error("health check loop error", e);
                if (!backoff.pauseAfterFailure()) {
                    break;
                }
            }
        }
        running = false;
        abandonAll();
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    /** Times out overdue probes; returns how long select may block (0 = until woken). */
    private long expireDeadlines() {
        long now = System.nanoTime();
        LoopProbe next;
        while ((next = deadlines.peek()) != null) {
            if (!next.finished() && next.deadline() - now > 0) {
                return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next.deadline() - now + 999_999));
            }
            deadlines.poll();
            next.timedOut();
        }
        return 0;
    }

    private void dispatchReady() {
        var selected = selector.selectedKeys();
        for (SelectionKey key : selected) {
            if (key.isValid()) {
                ((LoopProbe) key.attachment()).onSelected(key.readyOps());
            }
        }
        selected.clear();
    }

    private void abandonAll() {
        runTasks();
        if (!selector.isOpen()) {
            return;
        }
        for (SelectionKey key : selector.keys()) {
            ((LoopProbe) key.attachment()).finish(CheckResult.failure("health monitor stopped"));
        }
        try {
            selector.close();
        } catch (IOException e) {
            log.warn("closing health check selector", e);
        }
    }
}
