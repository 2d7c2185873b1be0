package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;
import java.time.Duration;
import java.util.Map;

/**
 * A virtual service as it should be in the kernel, after health checks decided which real
 * servers are in the pool and with which weight.
 *
 * @param destinations the real servers that should be in the pool, with their settings
 * @param evicted      real servers to delete at once, not drain, with the reason: a failed health
 *                     check (their connections are already dead) or a sorry server no longer needed
 * @param drainTimeout how long a real server removed from the config keeps its connections
 *                     (weight 0) before it is deleted; zero deletes at once
 */
public record DesiredService(ServiceKey key, ServiceSettings settings, Map<DestinationKey, DestinationSettings> destinations,
                             Map<DestinationKey, String> evicted, Duration drainTimeout) {
    public DesiredService {
        destinations = Map.copyOf(destinations);
        evicted = Map.copyOf(evicted);
    }
}
