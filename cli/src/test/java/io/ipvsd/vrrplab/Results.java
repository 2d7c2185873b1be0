package io.ipvsd.vrrplab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Appends every measured time to ${ipvsd.vrrp-lab.dir}/results.txt (and prints it) so runs can be quoted. */
final class Results {
    private Results() {
    }

    /** Where the lab keeps its reports and per-scenario logs (failsafe sets it to the build dir's vrrp-lab). */
    static Path reportDir() {
        String dir = System.getProperty("ipvsd.vrrp-lab.dir");
        if (dir == null) {
            throw new IllegalStateException("system property ipvsd.vrrp-lab.dir is not set: run the lab with mvn verify");
        }
        try {
            return Files.createDirectories(Path.of(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line: when, scenario, what was measured, seconds, and the bound it was held to. */
    static synchronized void record(String scenario, String measurement, double seconds, String bound) {
        String line = String.format(Locale.ROOT, "%s  %-44s %-40s %7.3f s  %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                scenario, measurement, seconds, bound);
        System.out.print("[vrrp-lab] " + line);
        try {
            Files.writeString(reportDir().resolve("results.txt"), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
