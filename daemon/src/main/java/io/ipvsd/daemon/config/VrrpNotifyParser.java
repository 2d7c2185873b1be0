package io.ipvsd.daemon.config;

import java.util.List;
import java.util.Set;

/** The notify keys, shared by [[vrrp_instance]] and [[vrrp_sync_group]] as in keepalived. */
final class VrrpNotifyParser {
    static final Set<String> KEYS = Set.of("notify_master", "notify_backup", "notify_fault", "notify_stop", "notify");

    private VrrpNotifyParser() {
    }

    static VrrpNotify parse(TableReader table) {
        return new VrrpNotify(command(table, "notify_master"), command(table, "notify_backup"),
                command(table, "notify_fault"), command(table, "notify_stop"), command(table, "notify"));
    }

    private static List<String> command(TableReader table, String key) {
        return table.value(key).flatMap(Value::nonEmptyStrings).orElse(List.of());
    }
}
