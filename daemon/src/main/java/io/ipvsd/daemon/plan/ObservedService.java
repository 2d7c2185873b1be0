package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.Service;
import java.util.Map;

/** A service and its real servers as one observation of the kernel found them. */
public record ObservedService(Service service, Map<DestinationKey, Destination> destinations) {
    public ObservedService {
        destinations = Map.copyOf(destinations);
    }
}
