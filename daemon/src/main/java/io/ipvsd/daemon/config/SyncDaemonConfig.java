package io.ipvsd.daemon.config;

import java.net.InetAddress;

/**
 * The [ipvs.sync_daemon] table (ipvsadm --start-daemon). Zero in a numeric field and null in
 * mcastGroup mean "kernel default" (the attribute is not sent).
 *
 * @param state      null when followInstance is set
 * @param syncId     0..255
 * @param maxLen     maximum sync message length
 * @param mcastGroup multicast group, IPv4 or IPv6
 * @param followInstance name of the [[vrrp_instance]] whose state the sync daemon follows (master
 *                   while the instance is MASTER, backup otherwise), or null
 */
public record SyncDaemonConfig(SyncState state, String interfaceName, int syncId, int maxLen,
                               InetAddress mcastGroup, int mcastPort, int mcastTtl, String followInstance) {
}
