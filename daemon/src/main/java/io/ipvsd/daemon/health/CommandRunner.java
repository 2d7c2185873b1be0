package io.ipvsd.daemon.health;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion or to a timeout, killing its whole process tree on timeout. Blocking. */
public final class CommandRunner {
    private CommandRunner() {
    }

    public sealed interface Outcome permits Exited, TimedOut, NotStarted, Stopped {
    }

    public record Exited(int code) implements Outcome {
    }

    public record TimedOut() implements Outcome {
    }

    public record NotStarted(String error) implements Outcome {
    }

    /** The waiting thread was interrupted (ipvsd is shutting down) and the command was killed then. */
    public record Stopped() implements Outcome {
    }

    public static Outcome run(List<String> command, Map<String, String> env, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.DISCARD);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            return new NotStarted(e.getMessage());
        }
        try {
            // A command that reads its standard input gets end-of-file instead of waiting forever.
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // The command already exited and closed its end: the wait below collects its status.
        }
        try {
            if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return new Exited(process.exitValue());
            }
        } catch (InterruptedException e) {
            // Shutting down: do not leave the command behind, and do not call it a timeout.
            Thread.currentThread().interrupt();
            destroyTree(process);
            return new Stopped();
        }
        destroyTree(process);
        return new TimedOut();
    }

    /**
     * Kills the command and everything it started. The descendants are listed first: once the parent
     * is dead its children are re-parented and can no longer be found from it.
     */
    private static void destroyTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
