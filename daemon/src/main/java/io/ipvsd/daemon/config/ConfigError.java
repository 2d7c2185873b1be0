package io.ipvsd.daemon.config;

/**
 * One problem in a configuration file, printed the way compilers print them so editors can jump
 * to it. Problems with the file as a whole (it cannot be read) point at 1:1.
 */
public record ConfigError(String file, int line, int column, String message) {

    public static ConfigError at(String file, SourcePos pos, String message) {
        return new ConfigError(file, pos.line(), pos.column(), message);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    /** "FILE:LINE:COL: warning: ...", as compilers print warnings, so tools that read FILE:LINE:COL: see them. */
    public String asWarning() {
        return file + ":" + line + ":" + column + ": warning: " + message;
    }
}
