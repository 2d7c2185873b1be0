package io.ipvsd.daemon;

import io.ipvsd.daemon.config.ConfigError;
import java.util.List;

/** What a reload did: the file is running now, or why it is not. */
sealed interface ReloadOutcome {
    record Accepted(long generation) implements ReloadOutcome {
    }

    /** The file has errors; the previous generation keeps running. */
    record Rejected(List<ConfigError> errors) implements ReloadOutcome {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }

    /** The file is valid but would remove too many services without a confirmation. */
    record Refused(String reason) implements ReloadOutcome {
    }

    /** The file could not be read or the reload failed: the previous generation keeps running. */
    record Failed(String reason) implements ReloadOutcome {
    }
}
