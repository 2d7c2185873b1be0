package io.ipvsd.ipvs;

import java.net.InetAddress;

/**
 * A connection sync daemon: the kernel thread that multicasts (master) or receives (backup)
 * connection state for fail-over. Zero / null fields mean "the kernel's default" when starting
 * one; a started daemon reports the values the kernel chose.
 *
 * @param interfaceName multicast interface, at most 15 characters
 * @param syncId        0..255; a backup only accepts messages with its own id (0 = any)
 * @param maxLength     largest sync message payload (sync_maxlen), 0 = from the interface MTU
 * @param group         multicast group (IPv4 or IPv6), null = 224.0.0.81
 * @param port          multicast UDP port, 0 = 8848
 * @param ttl           multicast TTL 0..255, 0 = 1
 */
public record SyncDaemon(SyncState state, String interfaceName, int syncId, int maxLength, InetAddress group,
                         int port, int ttl) {

    /** A daemon with the kernel's defaults for everything but the interface and sync id. */
    public static SyncDaemon of(SyncState state, String interfaceName, int syncId) {
        return new SyncDaemon(state, interfaceName, syncId, 0, null, 0, 0);
    }
}
