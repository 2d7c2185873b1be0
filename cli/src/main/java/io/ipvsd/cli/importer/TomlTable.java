package io.ipvsd.cli.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One table of the generated file: its header ("[[service]]"), comments written above it, and its
 * keys in order with values already in TOML syntax (see {@link TomlValues}).
 */
public final class TomlTable {
    private final String header;
    private final List<String> comments = new ArrayList<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    public TomlTable(String header) {
        this.header = header;
    }

    public TomlTable comment(String text) {
        comments.add(text);
        return this;
    }

    public TomlTable put(String key, String tomlValue) {
        values.put(key, tomlValue);
        return this;
    }

    public String get(String key) {
        return values.get(key);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public void remove(String key) {
        values.remove(key);
    }

    public String header() {
        return header;
    }

    void write(StringBuilder out, String indent) {
        for (String c : comments) {
            for (String line : c.split("\n")) {
                out.append(indent).append("# ").append(line).append('\n');
            }
        }
        out.append(indent).append(header).append('\n');
        for (Map.Entry<String, String> e : values.entrySet()) {
            out.append(indent).append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
        }
    }
}
