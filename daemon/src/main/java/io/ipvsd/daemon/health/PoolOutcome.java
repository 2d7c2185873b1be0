package io.ipvsd.daemon.health;

import java.util.List;

/**
 * What IPVS should hold for one virtual service.
 *
 * @param members           real servers (and the sorry server if active) with the weights to set
 * @param quorumUp          quorum state to pass to the next decision
 * @param quorumChange      whether this decision lost or regained the quorum
 * @param sorryServerActive the sorry server is among the members
 * @param upWeight          sum of the weights of the real servers that are up
 */
public record PoolOutcome(List<PoolMember> members, boolean quorumUp, QuorumChange quorumChange,
                          boolean sorryServerActive, long upWeight) {
    public PoolOutcome {
        members = List.copyOf(members);
    }
}
