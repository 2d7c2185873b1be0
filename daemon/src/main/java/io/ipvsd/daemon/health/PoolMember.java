package io.ipvsd.daemon.health;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A real server of a virtual service with its weight: configured (as input of {@link PoolDecision})
 * or to put in IPVS (as its output).
 */
public record PoolMember(InetAddress address, int port, int weight) {
    public PoolMember {
        Objects.requireNonNull(address, "address");
    }

    PoolMember withWeight(int newWeight) {
        return new PoolMember(address, port, newWeight);
    }

    boolean sameServer(PoolMember other) {
        return address.equals(other.address) && port == other.port;
    }

    @Override
    public String toString() {
        return TargetKey.hostPort(address, port) + " weight " + weight;
    }
}
