package io.ipvsd.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The change watch sees a change in any included file, and files joining or leaving an included glob. */
class FileStampTest {
    @TempDir
    Path dir;

    @Test
    void aChangeInAnIncludedFileOrInAGlobsMatchesChangesTheStamp() throws IOException {
        Path main = dir.resolve("ipvsd.toml");
        Files.writeString(main, "include = [\"conf.d/*.toml\", \"extra.toml\"]\n[daemon]\ninterval = \"5s\"\n");
        Files.createDirectories(dir.resolve("conf.d"));
        Path part = Files.writeString(dir.resolve("conf.d/a.toml"), "[[service]]\n");
        Files.writeString(dir.resolve("extra.toml"), "");
        FileStamp before = FileStamp.of(main);
        assertEquals(before, FileStamp.of(main), "nothing changed");

        Files.setLastModifiedTime(part, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        FileStamp touched = FileStamp.of(main);
        assertNotEquals(before, touched, "an included file changed");

        Files.writeString(dir.resolve("conf.d/b.toml"), "");
        FileStamp added = FileStamp.of(main);
        assertNotEquals(touched, added, "a file joined conf.d/*.toml");

        Files.delete(dir.resolve("extra.toml"));
        assertNotEquals(added, FileStamp.of(main), "an included file went away");
        assertEquals(Files.size(main), FileStamp.of(main).size(), "size is the main file's own");
    }
}
