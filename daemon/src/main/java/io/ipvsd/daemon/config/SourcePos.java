package io.ipvsd.daemon.config;

/**
 * Where something was written in the configuration file, 1-based, so that errors found later (for
 * example a kernel refusing a service) can still point at the line that asked for it.
 */
public record SourcePos(int line, int column) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
