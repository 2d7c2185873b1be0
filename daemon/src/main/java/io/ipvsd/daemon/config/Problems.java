package io.ipvsd.daemon.config;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Errors and warnings found while reading one file. Identical reports are kept once: a service's
 * health_check is read again for every real server that inherits it, and its mistakes should be
 * listed once.
 */
final class Problems {
    private static final Comparator<ConfigError> BY_POSITION =
            Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column);

    private final String file;
    private final Set<ConfigError> errors = new LinkedHashSet<>();
    private final Set<ConfigError> warnings = new LinkedHashSet<>();

    Problems(String file) {
        this.file = file;
    }

    void error(SourcePos pos, String message) {
        errors.add(ConfigError.at(file, pos, message));
    }

    void warn(SourcePos pos, String message) {
        warnings.add(ConfigError.at(file, pos, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Sorted by position; reports at the same position keep the order they were found in. */
    List<ConfigError> errors() {
        return errors.stream().sorted(BY_POSITION).toList();
    }

    List<ConfigError> warnings() {
        return warnings.stream().sorted(BY_POSITION).toList();
    }
}
