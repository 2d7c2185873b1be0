package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ServiceKey;

public record AddRealServer(ServiceKey service, DestinationKey destination, DestinationSettings settings) implements Operation {
    @Override
    public String render() {
        return "+   real " + destination + " of " + service + " " + Describe.destination(settings);
    }
}
