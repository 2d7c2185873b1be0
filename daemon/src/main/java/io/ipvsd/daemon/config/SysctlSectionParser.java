package io.ipvsd.daemon.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The [sysctl] table. Names may be quoted ("net.ipv4.ip_forward" = 1) or bare dotted keys
 * (net.ipv4.ip_forward = 1, which TOML turns into nested tables); both give the same name.
 */
final class SysctlSectionParser {
    // sysctl(8) names: dot-separated; '/' stands for a '.' inside one component (eth0/100 = eth0.100).
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_@:+/-]+(\\.[A-Za-z0-9_@:+/-]+)+");
    // Components that would become "." or ".." under /proc/sys and leave it.
    private static final Pattern ESCAPING_COMPONENT = Pattern.compile("(^|\\.)/{1,2}(\\.|$)");

    private SysctlSectionParser() {
    }

    static Map<String, String> parse(TableReader sysctl) {
        Map<String, String> values = new LinkedHashMap<>();
        collect(sysctl, "", values);
        return values;
    }

    private static void collect(TableReader table, String prefix, Map<String, String> values) {
        for (String key : table.keys()) {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            Value value = table.value(key).orElseThrow();
            if (value.raw() instanceof TomlTableNode) {
                value.table().ifPresent(nested -> collect(nested, name, values));
                continue;
            }
            if (!NAME.matcher(name).matches() || ESCAPING_COMPONENT.matcher(name).find()) {
                table.keyError(key, "not a sysctl name: \"" + name + "\"");
                continue;
            }
            if (values.containsKey(name)) {
                table.keyError(key, "set twice");
                continue;
            }
            if (value.raw() instanceof Long || value.raw() instanceof String) {
                values.put(name, value.raw().toString());
            } else {
                value.error("expected an integer or a string, got " + Value.typeName(value.raw()));
            }
        }
    }
}
