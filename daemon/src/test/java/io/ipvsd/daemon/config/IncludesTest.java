package io.ipvsd.daemon.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class IncludesTest {
    @TempDir
    Path dir;

    private Path write(String name, String toml) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, toml);
        return file;
    }

    private static String service(String address) {
        return "[[service]]\nprotocol = \"tcp\"\naddress = \"" + address + "\"\nport = 80\n";
    }

    private Config loaded(Path file) {
        LoadResult result = ConfigLoader.load(file);
        return assertInstanceOf(LoadResult.Loaded.class, result,
                () -> result instanceof LoadResult.Failed f ? f.errors().toString() : "").config();
    }

    private List<String> errors(Path file) {
        return assertInstanceOf(LoadResult.Failed.class, ConfigLoader.load(file)).errors().stream()
                .map(ConfigError::toString).toList();
    }

    private static List<String> addresses(Config config) {
        return config.services().stream().map(s -> s.key().toString()).toList();
    }

    @Test
    void arraysOfTablesAreConcatenatedInIncludeOrderAfterTheIncludingFilesOwn() throws IOException {
        write("conf.d/b.toml", service("192.0.2.3"));
        write("conf.d/a.toml", service("192.0.2.2"));
        write("conf.d/notes.txt", "not toml");
        write("other.toml", service("192.0.2.4") + service("192.0.2.5"));
        Path main = write("main.toml", "include = [\"conf.d/*.toml\", \"other.toml\", \"none/*.toml\"]\n"
                + "[daemon]\ninterval = \"2s\"\n" + service("192.0.2.1"));

        Config config = loaded(main);

        assertEquals(List.of("TCP 192.0.2.1:80", "TCP 192.0.2.2:80", "TCP 192.0.2.3:80", "TCP 192.0.2.4:80",
                "TCP 192.0.2.5:80"), addresses(config));
    }

    @Test
    void includedFilesMayIncludeOthersRelativeToTheirOwnDirectory() throws IOException {
        write("conf.d/more/c.toml", service("192.0.2.3"));
        write("conf.d/b.toml", "include = [\"more/c.toml\"]\n" + service("192.0.2.2"));
        Path main = write("main.toml", "include = [\"conf.d/b.toml\"]\n" + service("192.0.2.1"));

        assertEquals(List.of("TCP 192.0.2.1:80", "TCP 192.0.2.2:80", "TCP 192.0.2.3:80"), addresses(loaded(main)));
        assertEquals(List.of(main, dir.resolve("conf.d/b.toml"), dir.resolve("conf.d/more/c.toml")),
                ConfigLoader.files(main));
    }

    @Test
    void errorsPointIntoTheFileTheyAreIn() throws IOException {
        write("conf.d/a.toml", "\n" + service("192.0.2.2") + "[[service.real]]\naddress = \"198.51.100.1\"\nweight = -1\n");
        Path main = write("main.toml", "include = [\"conf.d/*.toml\"]\n[daemon]\nbogus = 1\n");

        assertEquals(List.of(main + ":3:1: daemon.bogus: unknown key",
                        dir.resolve("conf.d/a.toml") + ":8:10: service.real.weight: must be in 0..65535, got -1"),
                errors(main));
    }

    @Test
    void aDuplicateInAnotherFileNamesTheFileOfTheFirst() throws IOException {
        write("conf.d/a.toml", "\n" + service("192.0.2.1"));
        Path main = write("main.toml", "include = [\"conf.d/a.toml\"]\n" + service("192.0.2.1"));

        assertEquals(List.of(dir.resolve("conf.d/a.toml") + ":2:1: service: duplicate service TCP 192.0.2.1:80 (first defined at line 2 of "
                + main + ")"), errors(main));
    }

    @Test
    void syntaxErrorsInAnIncludedFileNameIt() throws IOException {
        write("conf.d/a.toml", "[[service]]\nport = \n");
        Path main = write("main.toml", "include = [\"conf.d/a.toml\"]\n");

        assertEquals(List.of(dir.resolve("conf.d/a.toml") + ":2:8: Unexpected end of line, expected a value"),
                errors(main));
    }

    @Test
    void aTableOrKeyInTwoFilesIsAnErrorNamingBoth() throws IOException {
        write("extra.toml", "\n[daemon]\ninterval = \"3s\"\n");
        Path main = write("main.toml", "include = [\"extra.toml\"]\n[daemon]\nlog_level = \"info\"\n");

        assertEquals(List.of(dir.resolve("extra.toml") + ":2:1: daemon: already defined at " + main
                        + ":2:1 (only [[arrays of tables]] may be continued in another file)"),
                errors(main));
    }

    @Test
    void aMissingLiteralPathIsAnErrorAtItsPlaceAndAnEmptyGlobIsNot() throws IOException {
        Path main = write("main.toml", "include = [\"empty/*.toml\",\n  \"absent.toml\"]\n");

        assertEquals(List.of(main + ":2:3: include: cannot read " + dir.resolve("absent.toml") + ": no such file"),
                errors(main));
    }

    @Test
    void cyclesAndDoubleIncludesAreErrors() throws IOException {
        write("b.toml", "include = [\"a.toml\"]\n");
        write("a.toml", "include = [\"b.toml\"]\n");
        Path main = write("main.toml", "include = [\"a.toml\", \"a.toml\"]\n");

        assertEquals(List.of(main + ":1:22: include: " + dir.resolve("a.toml") + " is already included at " + main + ":1:12",
                        dir.resolve("b.toml") + ":1:12: include: " + dir.resolve("a.toml")
                                + " includes itself (a cycle of includes)"),
                errors(main));
    }

    @Test
    void includeMustBeAnArrayOfStrings() throws IOException {
        Path main = write("main.toml", "include = \"conf.d/*.toml\"\n");

        assertEquals(List.of(main + ":1:11: include: expected an array of paths or globs, like [\"conf.d/*.toml\"], "
                + "got string"), errors(main));
    }
}
