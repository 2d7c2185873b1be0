package io.ipvsd.kerneltest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a finished command left: its exit code and everything it printed. */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr) {

    /** Runs {@code argv} with empty stdin; fails the test if it is still running after {@code timeout}. */
    public static ExecResult run(Duration timeout, List<String> argv) {
        Path out = null;
        Path err = null;
        try {
            // Files, not pipes: nothing to drain while waiting, however much the command prints.
            out = Files.createTempFile("ipvsd-kt-", ".out");
            err = Files.createTempFile("ipvsd-kt-", ".err");
            Process process = new ProcessBuilder(argv)
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError("still running after " + timeout + ": " + String.join(" ", argv)
                        + "\n--- stdout:\n" + Files.readString(out) + "\n--- stderr:\n" + Files.readString(err));
            }
            return new ExecResult(List.copyOf(argv), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Returns this result if the command exited 0, else fails the test with its output. */
    public ExecResult assertSuccess() {
        if (!succeeded()) {
            throw new AssertionError(this);
        }
        return this;
    }

    @Override
    public String toString() {
        return String.join(" ", command) + " exited " + exitCode
                + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover temp file in the throw-away VM is harmless.
            }
        }
    }
}
