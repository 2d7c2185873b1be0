package io.ipvsd.daemon.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Errors and warnings found while reading one configuration (a file and what it includes).
 * Identical reports are kept once: a service's health_check is read again for every real server
 * that inherits it, and its mistakes should be listed once.
 */
final class Problems {
    private final String file;
    /** The loaded file first, then included files in the order they were included. */
    private final List<String> files = new ArrayList<>();
    private final Set<ConfigError> errors = new LinkedHashSet<>();
    private final Set<ConfigError> warnings = new LinkedHashSet<>();

    Problems(String file) {
        this.file = file;
        files.add(file);
    }

    /** The loaded file's name, as errors name it. */
    String file() {
        return file;
    }

    /** The name errors give a position: its included file, or the loaded file. */
    String fileOf(SourcePos pos) {
        return pos.file() == null ? file : pos.file();
    }

    /** "line 7" for a message about later, or "line 7 of FILE" when earlier is in another file. */
    String lineOf(SourcePos earlier, SourcePos later) {
        String line = "line " + earlier.line();
        return fileOf(earlier).equals(fileOf(later)) ? line : line + " of " + fileOf(earlier);
    }

    /** An included file: its problems sort after those of the files included before it. */
    void included(String includedFile) {
        files.add(includedFile);
    }

    void error(SourcePos pos, String message) {
        errors.add(ConfigError.at(fileOf(pos), pos, message));
    }

    void warn(SourcePos pos, String message) {
        warnings.add(ConfigError.at(fileOf(pos), pos, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Sorted by file (in include order), then position; reports at one position keep the order they were found in. */
    List<ConfigError> errors() {
        return errors.stream().sorted(byPosition()).toList();
    }

    List<ConfigError> warnings() {
        return warnings.stream().sorted(byPosition()).toList();
    }

    private Comparator<ConfigError> byPosition() {
        return Comparator.comparingInt((ConfigError e) -> files.indexOf(e.file()))
                .thenComparingInt(ConfigError::line).thenComparingInt(ConfigError::column);
    }
}
