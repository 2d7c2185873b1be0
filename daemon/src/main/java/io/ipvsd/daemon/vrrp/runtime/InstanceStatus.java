package io.ipvsd.daemon.vrrp.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One instance as `ipvsctl status` shows it.
 *
 * @param master  the current master's address as last known (this node's own when MASTER), or null
 * @param dropped adverts dropped, by reason (lower-case DropReason names), only non-zero ones
 */
public record InstanceStatus(String name, String interfaceName, int vrid, int version, String state, int priority,
                             int effectivePriority, String master, Instant since, List<String> faults,
                             long advertsSent, long advertsReceived, Map<String, Long> dropped, List<String> warnings) {
}
