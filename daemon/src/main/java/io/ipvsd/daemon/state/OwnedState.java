package io.ipvsd.daemon.state;

import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.ServiceKey;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What ipvsd remembers between ticks and restarts: the services it manages (declared by the
 * current config or by an earlier one and not yet removed) and the real servers it is draining.
 * Anything in the kernel that is not here, and not in the current config, is foreign.
 */
public record OwnedState(Set<ServiceKey> services, Map<Draining, Instant> draining) {
    public static final OwnedState EMPTY = new OwnedState(Set.of(), Map.of());

    public OwnedState {
        services = Set.copyOf(services);
        draining = Map.copyOf(draining);
    }

    /** A real server being drained (weight 0) before its deletion, and since when. */
    public record Draining(ServiceKey service, DestinationKey destination) {
    }
}
