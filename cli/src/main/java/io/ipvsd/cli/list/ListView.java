package io.ipvsd.cli.list;

/**
 * The columns a listing shows. When several view options are given, ipvsadm shows the first of
 * stats, rate, thresholds, persistent-conn, tun-info; so does ipvsctl.
 */
enum ListView {
    DEFAULT, STATS, RATE, THRESHOLDS, PERSISTENT_CONN, TUN_INFO;

    static ListView of(boolean stats, boolean rate, boolean thresholds, boolean persistentConn, boolean tunInfo) {
        if (stats) {
            return STATS;
        }
        if (rate) {
            return RATE;
        }
        if (thresholds) {
            return THRESHOLDS;
        }
        if (persistentConn) {
            return PERSISTENT_CONN;
        }
        return tunInfo ? TUN_INFO : DEFAULT;
    }
}
