package io.ipvsd.daemon.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/** Virtual time for tests: tasks run only when the test advances the clock, on the test's thread. */
final class ManualScheduler implements CheckScheduler {
    private record Task(Instant due, long order, Runnable action) {
    }

    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(Comparator.comparing(Task::due).thenComparingLong(Task::order));
    private Instant now = Instant.parse("2024-01-01T00:00:00Z");
    private long order;
    private boolean closed;

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable action) {
        Task task = new Task(now.plus(delay), order++, action);
        tasks.add(task);
        return () -> tasks.remove(task);
    }

    @Override
    public void execute(Runnable action) {
        action.run();
    }

    @Override
    public void close() {
        closed = true;
        tasks.clear();
    }

    boolean closed() {
        return closed;
    }

    int pending() {
        return tasks.size();
    }

    /** Runs, in order, every task due within {@code duration}, moving the clock to each task's time. */
    void advance(Duration duration) {
        Instant end = now.plus(duration);
        Task next;
        while ((next = tasks.peek()) != null && !next.due().isAfter(end)) {
            tasks.poll();
            now = next.due();
            next.action().run();
        }
        now = end;
    }
}
