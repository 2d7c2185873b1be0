package io.ipvsd.daemon.config;

/**
 * Where something was written in the configuration, 1-based, so that errors found later (for
 * example a kernel refusing a service) can still point at the line that asked for it.
 *
 * @param file the included file it was written in, as errors name it; null for the file that was
 *             loaded (the one named on the command line), so positions in it compare as before
 */
public record SourcePos(int line, int column, String file) {
    public SourcePos(int line, int column) {
        this(line, column, null);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
