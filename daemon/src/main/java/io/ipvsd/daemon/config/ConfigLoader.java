package io.ipvsd.daemon.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the configuration file (TOML 1.0, with the files it includes) into a {@link Config}, or
 * reports every error in it at once, each as {@code file:line:column: message}.
 */
public final class ConfigLoader {
    private static final SourcePos START = new SourcePos(1, 1);
    private static final long HEAP_BYTES_PER_FILE_BYTE = 10;

    private ConfigLoader() {
    }

    public static LoadResult load(Path file) {
        try {
            if (!fitsInHeap(Files.size(file))) {
                return new LoadResult.Failed(List.of(ConfigError.at(file.toString(), START, tooLarge(file))));
            }
            Problems problems = new Problems(file.toString());
            // The text is a temporary: once parsed it is garbage, and does not stay alive while checking.
            TomlTableNode document = TomlParser.parse(Files.readString(file), null, problems);
            return check(document, file.toString(), problems);
        } catch (IOException e) {
            return new LoadResult.Failed(List.of(ConfigError.at(file.toString(), START, "cannot read: " + reason(e))));
        } catch (OutOfMemoryError e) {
            // Everything read so far is garbage again once we are here: say so in one line, no stack trace.
            return new LoadResult.Failed(List.of(ConfigError.at(file.toString(), START, tooLarge(file))));
        }
    }

    /**
     * @param fileName used in error messages, and as the place includes are relative to
     */
    public static LoadResult parse(String toml, String fileName) {
        Problems problems = new Problems(fileName);
        return check(TomlParser.parse(toml, null, problems), fileName, problems);
    }

    private static LoadResult check(TomlTableNode document, String fileName, Problems problems) {
        if (!problems.hasErrors()) {
            Includes.resolve(document, path(fileName), problems);
        }
        // Syntax errors make the document incomplete; checking its contents would only add noise.
        if (problems.hasErrors()) {
            return new LoadResult.Failed(problems.errors());
        }
        Config config = ConfigParser.parse(TableReader.of(document, "", START, problems), problems);
        if (problems.hasErrors()) {
            return new LoadResult.Failed(problems.errors());
        }
        return new LoadResult.Loaded(config, problems.warnings());
    }

    /** The files the configuration in file consists of (it and what it includes), for the change watch. */
    public static List<Path> files(Path file) {
        List<Path> files = new ArrayList<>();
        files.add(file);
        files.addAll(Includes.filesOf(file));
        return files;
    }

    private static Path path(String fileName) {
        try {
            return Path.of(fileName);
        } catch (InvalidPathException e) {
            return Path.of(".");
        }
    }

    /**
     * Loading takes at most ~10 bytes of heap per byte of file (measured: a live peak of ~67 MB
     * for an 8.2 MB file of 10,000 services). A file that cannot fit is refused before it is read:
     * with a concurrent collector the JVM may thrash for minutes before it throws OutOfMemoryError.
     */
    static boolean fitsInHeap(long bytes) {
        return bytes <= Runtime.getRuntime().maxMemory() / HEAP_BYTES_PER_FILE_BYTE;
    }

    static String tooLarge(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = -1;
        }
        return String.format(java.util.Locale.ROOT, "too large to load with this heap (file %.1f MB, needs up to 10 times"
                + " that; heap limit %d MB): give the JVM more with -Xmx", size / 1e6, Runtime.getRuntime().maxMemory() / 1_000_000)
                + " (IPVSD_JAVA_OPTS for bin/ipvsd and bin/ipvsctl)";
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        } else if (e instanceof AccessDeniedException) {
            return "permission denied";
        } else if (e instanceof MalformedInputException) {
            return "not UTF-8 text";
        }
        return e.toString();
    }
}
