package io.ipvsd.daemon.config;

import java.util.List;

/** What reading a configuration file gave: a usable configuration, or every error found in it. */
public sealed interface LoadResult {

    /**
     * @param warnings things that are allowed but probably not meant (sorted by position)
     */
    record Loaded(Config config, List<ConfigError> warnings) implements LoadResult {
        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param errors never empty, sorted by position
     */
    record Failed(List<ConfigError> errors) implements LoadResult {
        public Failed {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a failed load has at least one error");
            }
        }
    }
}
