package io.ipvsd.daemon;

import io.ipvsd.daemon.config.ConfigError;
import io.ipvsd.daemon.config.LoadResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Reads and validates a new version of the config file off the loop thread: a 10,000-service
 * file takes seconds to load (a minute under emulation), and the passes of the running
 * configuration must go on meanwhile. One read at a time; the loop takes the finished one at
 * the start of a pass and swaps it in there.
 *
 * @param <R> what asked for the read (the reload requests it answers)
 */
final class ConfigReading<R> {
    /** A read that has ended: its result, and the requests it answers. */
    record Finished<R>(LoadResult result, List<R> requests) {
    }

    private final Path path;
    private final Function<Path, LoadResult> loader;
    private final Executor reader;
    private final Runnable onFinished;
    private boolean busy;
    private Finished<R> finished;

    /**
     * @param reader     runs the read (a thread of its own in the daemon; the caller's in tests)
     * @param onFinished told when a read has ended, from the reading thread
     */
    ConfigReading(Path path, Function<Path, LoadResult> loader, Executor reader, Runnable onFinished) {
        this.path = path;
        this.loader = loader;
        this.reader = reader;
        this.onFinished = onFinished;
    }

    /** Whether a read is under way or its result not yet taken: then no other read starts. */
    synchronized boolean busy() {
        return busy || finished != null;
    }

    /** Starts a read for these requests (empty: a change of the file was seen). */
    void start(List<R> requests) {
        synchronized (this) {
            if (busy()) {
                throw new IllegalStateException("a read of " + path + " is under way");
            }
            busy = true;
        }
        reader.execute(() -> {
            LoadResult result;
            try {
                result = loader.apply(path);
            } catch (RuntimeException | Error e) {
                // Too big for the heap, or a bug: the running configuration stays, the reload says why.
                result = new LoadResult.Failed(List.of(new ConfigError(path.toString(), 1, 1, "cannot be loaded: " + e)));
            }
            synchronized (this) {
                busy = false;
                finished = new Finished<>(result, requests);
            }
            onFinished.run();
        });
    }

    /** The read that has ended, once; null while none has. */
    synchronized Finished<R> takeFinished() {
        Finished<R> f = finished;
        finished = null;
        return f;
    }
}
