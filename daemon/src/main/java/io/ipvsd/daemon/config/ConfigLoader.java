package io.ipvsd.daemon.config;

import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlVersion;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the configuration file (TOML 1.0) into a {@link Config}, or reports every error in it at
 * once, each as {@code file:line:column: message}.
 */
public final class ConfigLoader {
    private static final TomlParseOptions TOML_1_0 = TomlParseOptions.defaults().withVersion(TomlVersion.V1_0_0);
    private static final SourcePos START = new SourcePos(1, 1);

    private ConfigLoader() {
    }

    public static LoadResult load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return new LoadResult.Failed(List.of(ConfigError.at(file.toString(), START, "cannot read: " + reason(e))));
        }
        return parse(text, file.toString());
    }

    /**
     * @param fileName used in error messages only
     */
    public static LoadResult parse(String toml, String fileName) {
        Problems problems = new Problems(fileName);
        TomlParseResult document = Toml.parse(toml, TOML_1_0);
        // Syntax errors make the document incomplete; checking its contents would only add noise.
        for (TomlParseError error : document.errors()) {
            problems.error(SourcePositions.of(error.position(), START), error.getMessage());
        }
        if (problems.hasErrors()) {
            return new LoadResult.Failed(problems.errors());
        }
        Config config = ConfigParser.parse(TableReader.of(document, "", START, problems), problems);
        if (problems.hasErrors()) {
            return new LoadResult.Failed(problems.errors());
        }
        return new LoadResult.Loaded(config, problems.warnings());
    }

    private static String reason(IOException e) {
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
