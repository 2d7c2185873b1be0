package io.ipvsd.daemon.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.ipvsd.daemon.config.ConfigTesting.config;
import static io.ipvsd.daemon.config.ConfigTesting.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @Test
    void emptyFileIsAValidConfigurationWithDefaultsAndNoServices() {
        Config config = config("");

        assertEquals(DaemonSectionParser.DEFAULT_INTERVAL, config.daemon().interval());
        assertTrue(config.sysctls().isEmpty());
        assertEquals(null, config.timeouts());
        assertEquals(null, config.syncDaemon());
        assertTrue(config.services().isEmpty());
        assertTrue(config.marks().isEmpty());
        assertTrue(config.masquerades().isEmpty());
    }

    @Test
    void loadsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ipvsd.toml");
        Files.writeString(file, "[daemon]\nlog_level = \"loud\"\n");

        LoadResult result = ConfigLoader.load(file);

        LoadResult.Failed failed = assertInstanceOf(LoadResult.Failed.class, result);
        assertEquals(List.of(file + ":2:13: daemon.log_level: must be one of error, warn, info, debug, trace; got \"loud\""),
                failed.errors().stream().map(ConfigError::toString).toList());
    }

    @Test
    void missingFileIsAnErrorAtTheStartOfIt(@TempDir Path dir) {
        Path file = dir.resolve("absent.toml");

        LoadResult.Failed failed = assertInstanceOf(LoadResult.Failed.class, ConfigLoader.load(file));

        assertEquals(List.of(new ConfigError(file.toString(), 1, 1, "cannot read: no such file")), failed.errors());
    }

    @Test
    void errorPrintsAsFileLineColumnMessage() {
        assertEquals("a.toml:3:7: bad", new ConfigError("a.toml", 3, 7, "bad").toString());
    }

    @Test
    void tomlSyntaxErrorIsReportedAtItsPosition() {
        assertEquals(List.of("test.toml:2:11: Unexpected end of line, expected a value"),
                errors("""
                        [daemon]
                        interval =
                        """));
    }

    @Test
    void everySyntaxErrorIsReportedAndContentsAreNotCheckedThen() {
        assertEquals(List.of(
                        "test.toml:2:1: interval previously defined at line 1, column 1",
                        "test.toml:3:9: Unexpected 'x', expected a value"),
                errors("""
                        interval = "5s"
                        interval = "6s"
                        bogus = x
                        """));
    }

    @Test
    void tomlIsVersion1Point0() {
        assertEquals(List.of("test.toml:2:29: Newlines are not allowed in an inline table (TOML versions before 1.1.0)"),
                errors("""
                        [[service]]
                        persistence = { timeout = 5,
                          netmask = 24 }
                        """));
    }

    @Test
    void allErrorsAreReportedAtOnceSortedByPosition() {
        assertEquals(List.of(
                        "test.toml:2:12: daemon.interval: bad duration \"soon\": expected a number with unit ms, s, m "
                                + "or h, like \"500ms\", \"5s\", \"2m\", \"1h30m\"",
                        "test.toml:3:1: daemon.colour: unknown key",
                        "test.toml:5:1: servce: unknown key (did you mean \"service\"?)",
                        "test.toml:12:10: service.real.weight: must be in 0..65535, got 70000",
                        "test.toml:13:1: service.real.wieght: unknown key (did you mean \"weight\"?)"),
                errors("""
                        [daemon]
                        interval = "soon"
                        colour = "blue"

                        [[servce]]
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.1"
                        port = 80
                        [[service.real]]
                        address = "198.51.100.1"
                        weight = 70000
                        wieght = 1
                        """));
    }

    @Test
    void exampleFileLoads() {
        LoadResult result = ConfigLoader.load(Path.of("../examples/ipvsd.toml"));

        LoadResult.Loaded loaded = assertInstanceOf(LoadResult.Loaded.class, result,
                () -> result instanceof LoadResult.Failed f ? f.errors().toString() : "");
        assertEquals(List.of(), loaded.warnings());
        assertEquals(List.of("TCP 192.0.2.10:443", "FWM 1 IPv4", "TCP 192.0.2.30:80"),
                loaded.config().services().stream().map(s -> s.key().toString()).toList());
    }
}
