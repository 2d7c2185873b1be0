package io.ipvsd.vrrplab;

import java.util.List;

/** A vrrp_sync_group: its instances change state together. */
record SyncGroup(String name, List<String> instances) {
}
