package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.UnreadService;
import java.util.List;
import java.util.Map;

/**
 * One reading of the service table: the services read fully, with their real servers, and those
 * that could not be (a value ipvsd does not model in the service or one of its real servers).
 */
public record ObservedServices(Map<ServiceKey, ObservedService> services, List<UnreadService> unread) {
    public ObservedServices {
        services = Map.copyOf(services);
        unread = List.copyOf(unread);
    }
}
