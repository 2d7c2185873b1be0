package io.ipvsd.kerneltest.daemon;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code ipvsd --config FILE} as a child process in a network namespace ({@code ip netns exec},
 * which execs the JVM: the child's pid is the daemon's, so signals reach it directly). Its stdout
 * and stderr go to a log file, shown when a test fails.
 */
final class IpvsdProcess {
    /** Options of the launcher bin/ipvsd, plus C1 only: under emulation C2 costs more than it saves. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseShenandoahGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData");

    private final Process process;
    private final Path log;
    private final long startedNanos = System.nanoTime();

    private IpvsdProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the daemon of this JVM's classpath (the reactor's daemon module and its dependencies)
     * with this JVM's java, in namespace {@code netns}.
     */
    static IpvsdProcess start(String netns, Path config, Path log) {
        return start(netns, config, log, List.of());
    }

    /** As {@link #start(String, Path, Path)}, with more JVM options (e.g. GC logging to the log). */
    static IpvsdProcess start(String netns, Path config, Path log, List<String> jvmOptions) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", netns, javaCommand()));
        argv.addAll(JVM_OPTIONS);
        argv.addAll(jvmOptions);
        argv.addAll(ClassArchive.options());
        argv.addAll(List.of("-cp", classPath(), "io.ipvsd.daemon.Ipvsd", "--config", config.toString()));
        try {
            Process p = new ProcessBuilder(argv)
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .start();
            return new IpvsdProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ipvsd: " + argv, e);
        }
    }

    /**
     * The jars of this JVM's classpath: the daemon and its dependencies are jars (the reactor's
     * modules are packaged before integration-test); the directories are the kernel tests' own
     * classes, which the daemon does not need and class-data sharing refuses.
     */
    static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Files.isDirectory(Path.of(e)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Duration age() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** SIGQUIT: the JVM prints every thread's stack to its stdout, the log (for a daemon that seems stuck). */
    void dumpThreads() {
        if (process.isAlive()) {
            try {
                new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
                Thread.sleep(1_000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Everything the daemon printed so far (this and earlier runs of the lab). */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then waits for the exit; returns the exit code. Fails the test if it does not exit in time. */
    int terminate(Duration timeout) {
        process.destroy();
        return awaitExit(timeout, "SIGTERM");
    }

    /** SIGKILL: no shutdown hook, no last write. */
    void kill9() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(20), "SIGKILL");
    }

    /** Waits for the daemon to exit on its own (e.g. a bad config at start); returns the exit code. */
    int awaitExit(Duration timeout, String after) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("ipvsd did not exit within " + timeout + " after " + after + "\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** For cleanup: kills the daemon if it still runs. */
    void destroy() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
