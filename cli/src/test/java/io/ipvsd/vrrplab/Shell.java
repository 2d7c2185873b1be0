package io.ipvsd.vrrplab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short commands (ip, nft, kill) to completion, with a deadline, and reads log tails. */
final class Shell {
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

    private Shell() {
    }

    /** Runs the command and returns its stdout; a non-zero exit or a missed deadline is an error naming both. */
    static String run(String... command) {
        return run(DEFAULT_DEADLINE, List.of(command));
    }

    static String run(Duration deadline, List<String> command) {
        Result r = tryRun(deadline, command);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + r.exitCode() + ": "
                    + r.stderr().strip() + (r.stdout().isBlank() ? "" : " / stdout: " + r.stdout().strip()));
        }
        return r.stdout();
    }

    /** Like {@link #run} but hands back a failed command's result instead of throwing. */
    static Result tryRun(Duration deadline, List<String> command) {
        try {
            Path out = Files.createTempFile("vrrplab-out", ".txt");
            Path err = Files.createTempFile("vrrplab-err", ".txt");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " still running after " + deadline);
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** The last lines of a log file, for failure messages; a missing file says so. */
    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no " + file + ")";
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** Whether a log file has a line containing the text (read again on every call: the file grows). */
    static boolean logContains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exitCode, String stdout, String stderr) {
    }
}
