package io.ipvsd.daemon.health;

/** How a virtual service's quorum state changed in one {@link PoolDecision}. */
public enum QuorumChange {
    NONE,
    LOST,
    REGAINED
}
