package io.ipvsd.daemon.health;

import java.util.List;
import java.util.Objects;

/**
 * What {@link PoolDecision} needs to know about one virtual service's configuration.
 *
 * @param service          identity text, as in the {@link TargetKey}s of its real servers
 * @param realServers      configured real servers with configured weights
 * @param inhibitOnFailure keep failed real servers in IPVS with weight 0 instead of removing them
 * @param sorryServer      server that takes the traffic when the real servers cannot, or null
 * @param quorum           minimum sum of the weights of up real servers; 0 = no quorum
 * @param hysteresis       quorum is lost below {@code quorum - hysteresis}, regained at {@code quorum + hysteresis}
 */
public record ServicePool(String service, List<PoolMember> realServers, boolean inhibitOnFailure,
                          PoolMember sorryServer, int quorum, int hysteresis) {
    public ServicePool {
        Objects.requireNonNull(service, "service");
        realServers = List.copyOf(realServers);
    }
}
