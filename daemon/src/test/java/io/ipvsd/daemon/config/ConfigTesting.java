package io.ipvsd.daemon.config;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Loads TOML text as the file "test.toml" and returns what tests look at. */
final class ConfigTesting {
    static final String FILE = "test.toml";

    private ConfigTesting() {
    }

    static Config config(String toml) {
        LoadResult result = ConfigLoader.parse(toml, FILE);
        if (result instanceof LoadResult.Failed failed) {
            fail("expected the configuration to load, got:\n" + String.join("\n", strings(failed.errors())));
        }
        return ((LoadResult.Loaded) result).config();
    }

    static List<String> warnings(String toml) {
        config(toml);
        return strings(((LoadResult.Loaded) ConfigLoader.parse(toml, FILE)).warnings());
    }

    static List<String> errors(String toml) {
        LoadResult result = ConfigLoader.parse(toml, FILE);
        if (result instanceof LoadResult.Loaded) {
            fail("expected errors, but the configuration loaded");
        }
        return strings(((LoadResult.Failed) result).errors());
    }

    /** The only error; fails if there are none or several. */
    static String error(String toml) {
        List<String> errors = errors(toml);
        assertEquals(1, errors.size(), () -> "expected one error, got:\n" + String.join("\n", errors));
        return errors.get(0);
    }

    private static List<String> strings(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::toString).toList();
    }
}
