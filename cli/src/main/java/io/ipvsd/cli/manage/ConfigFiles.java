package io.ipvsd.cli.manage;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.ConfigError;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads a config for a command, printing its errors and warnings as file:line:col lines. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** The config, or null after printing why it cannot be used. */
    static Config load(Path file, PrintWriter err) {
        LoadResult result = ConfigLoader.load(file);
        if (result instanceof LoadResult.Failed failed) {
            for (ConfigError e : failed.errors()) {
                err.println(e);
            }
            err.println("ipvsctl: " + file + ": " + failed.errors().size() + (failed.errors().size() == 1 ? " error" : " errors"));
            return null;
        }
        LoadResult.Loaded loaded = (LoadResult.Loaded) result;
        loaded.warnings().forEach(w -> err.println(w.asWarning()));
        return loaded.config();
    }
}
