package io.ipvsd.daemon.config;

import org.tomlj.TomlPosition;

/** Converts tomlj positions, which are absent for tables that were only implied by a dotted key. */
final class SourcePositions {
    private SourcePositions() {
    }

    static SourcePos of(TomlPosition position, SourcePos fallback) {
        return position == null ? fallback : new SourcePos(position.line(), position.column());
    }
}
