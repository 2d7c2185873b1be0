package io.ipvsd.kerneltest.daemon;

import io.ipvsd.kerneltest.ExecResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A class-data sharing archive of the daemon, so that its many starts in the kernel tests cost
 * less: under emulation a start is mostly loading and verifying some 4,000 classes (measured in
 * the VM: 13.3 s to the first apply without the archive, 9.5 s with it; the dump takes about 12 s).
 * The first daemon of this JVM lists the classes it loads; the second start dumps an archive of
 * them, and that start and every later one map it. Best effort: when anything fails, the daemon
 * simply starts without an archive.
 */
final class ClassArchive {
    private static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "ipvsd-kt-cds-" + ProcessHandle.current().pid());
    private static final Path LIST = DIR.resolve("classes.lst");
    private static final Path ARCHIVE = DIR.resolve("ipvsd.jsa");
    /** Below this the list is from a daemon that died early: not worth an archive. */
    private static final long MIN_CLASSES = 1_000;

    private enum State { FIRST, LISTED, ARCHIVED, FAILED }

    private static State state = State.FIRST;

    private ClassArchive() {
    }

    /** JVM options for the next daemon start. */
    static synchronized List<String> options() {
        switch (state) {
            case FIRST -> {
                try {
                    Files.createDirectories(DIR);
                    state = State.LISTED;
                    return List.of("-XX:DumpLoadedClassList=" + LIST);
                } catch (IOException e) {
                    state = State.FAILED;
                    return List.of();
                }
            }
            case LISTED -> {
                state = dump() ? State.ARCHIVED : State.FAILED;
                return options();
            }
            case ARCHIVED -> {
                return List.of("-XX:SharedArchiveFile=" + ARCHIVE, "-Xshare:auto");
            }
            default -> {
                return List.of();
            }
        }
    }

    private static boolean dump() {
        try (var lines = Files.lines(LIST)) {
            if (lines.count() < MIN_CLASSES) {
                return false;
            }
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
        long t0 = System.nanoTime();
        boolean ok;
        try {
            ExecResult r = ExecResult.run(Duration.ofSeconds(120), List.of(IpvsdProcess.javaCommand(), "-Xshare:dump",
                    "-XX:SharedClassListFile=" + LIST, "-XX:SharedArchiveFile=" + ARCHIVE, "-cp", IpvsdProcess.classPath()));
            ok = r.succeeded() && Files.exists(ARCHIVE);
            if (!ok) {
                System.out.println("  [info] -Xshare:dump failed:\n" + r.stdout().lines().limit(20).collect(Collectors.joining("\n"))
                        + "\n" + r.stderr().lines().limit(20).collect(Collectors.joining("\n")));
            }
        } catch (AssertionError | RuntimeException e) {
            ok = false;
        }
        Timing.log("class-data archive of the daemon dumped" + (ok ? "" : " (failed: starting without one)"), t0);
        return ok;
    }
}
