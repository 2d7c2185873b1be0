package io.ipvsd.daemon.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.ipvsd.daemon.config.ConfigTesting.config;
import static io.ipvsd.daemon.config.ConfigTesting.error;
import static io.ipvsd.daemon.config.ConfigTesting.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DaemonSectionTest {

    @Test
    void defaults() {
        assertEquals(new DaemonSettings(Duration.ofSeconds(5), Path.of("/var/lib/ipvsd"), Path.of("/run/ipvsd/ipvsd.sock"),
                LogLevel.INFO, false, Duration.ofSeconds(300), 50, 10_000), config("").daemon());
    }

    @Test
    void everyKey() {
        DaemonSettings daemon = config("""
                [daemon]
                interval = "500ms"
                state_dir = "/srv/ipvsd"
                control_socket = "/srv/ipvsd/control.sock"
                log_level = "debug"
                exclusive = true
                drain_timeout = "1h30m"
                max_removal_share = 20
                real_servers_per_pass = 0
                """).daemon();

        assertEquals(new DaemonSettings(Duration.ofMillis(500), Path.of("/srv/ipvsd"), Path.of("/srv/ipvsd/control.sock"),
                LogLevel.DEBUG, true, Duration.ofMinutes(90), 20, 0), daemon);
    }

    @Test
    void integerDurationsAreSecondsAndDrainTimeoutMayBeZero() {
        DaemonSettings daemon = config("""
                [daemon]
                interval = 7
                drain_timeout = 0
                """).daemon();

        assertEquals(Duration.ofSeconds(7), daemon.interval());
        assertEquals(Duration.ZERO, daemon.drainTimeout());
    }

    @Test
    void everyBadValueIsReported() {
        assertEquals(List.of(
                        "test.toml:2:12: daemon.interval: must be greater than 0",
                        "test.toml:3:13: daemon.state_dir: must be an absolute path, got \"var/lib/ipvsd\"",
                        "test.toml:4:18: daemon.control_socket: too long for a Unix socket path (at most 107 bytes)",
                        "test.toml:5:13: daemon.log_level: must be one of error, warn, info, debug, trace; got \"verbose\"",
                        "test.toml:6:13: daemon.exclusive: expected a boolean, got string",
                        "test.toml:7:17: daemon.drain_timeout: durations are never negative, got -1",
                        "test.toml:8:25: daemon.real_servers_per_pass: must be in 0..2147483647, got -5"),
                errors("""
                        [daemon]
                        interval = "0s"
                        state_dir = "var/lib/ipvsd"
                        control_socket = "/%s"
                        log_level = "verbose"
                        exclusive = "yes"
                        drain_timeout = -1
                        real_servers_per_pass = -5
                        """.formatted("s".repeat(107))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "5 s"   | bad duration "5 s": expected a number with unit ms, s, m or h, like "500ms", "5s", "2m", "1h30m"
            "5"     | bad duration "5": expected a number with unit ms, s, m or h, like "500ms", "5s", "2m", "1h30m"
            "1.5s"  | bad duration "1.5s": no fractions; write "1500ms"
            "0.25m" | bad duration "0.25m": no fractions; write "15000ms"
            "0.5ms" | bad duration "0.5ms": no fractions
            "-5s"   | bad duration "-5s": durations are never negative
            "2d"    | bad duration "2d": expected a number with unit ms, s, m or h, like "500ms", "5s", "2m", "1h30m"
            1.5     | bad duration 1.5: no fractions; write "1500ms"
            -2.0    | bad duration -2.0: durations are never negative
            true    | expected a duration (like "5s") or integer seconds, got boolean
            """)
    void badDurations(String toml, String message) {
        assertEquals("test.toml:2:12: daemon.interval: " + message, error("[daemon]\ninterval = " + toml + "\n"));
    }

    @Test
    void daemonMustBeATable() {
        assertEquals("test.toml:1:10: daemon: expected a table, got string", error("daemon = \"on\"\n"));
    }
}
