package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A virtual service as it should be in the kernel, after health checks decided which real
 * servers are in the pool and with which weight.
 *
 * @param destinations the real servers that should be in the pool, with their settings
 * @param failed       declared real servers whose health check says down: removed at once, not
 *                     drained (their connections are already dead)
 * @param drainTimeout how long a real server removed from the config keeps its connections
 *                     (weight 0) before it is deleted; zero deletes at once
 */
public record DesiredService(ServiceKey key, ServiceSettings settings, Map<DestinationKey, DestinationSettings> destinations,
                             Set<DestinationKey> failed, Duration drainTimeout) {
    public DesiredService {
        destinations = Map.copyOf(destinations);
        failed = Set.copyOf(failed);
    }
}
