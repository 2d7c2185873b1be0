package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ServiceKey;

/**
 * @param reason why, when it is not plain drift from the config (e.g. "draining"), or null
 */
public record UpdateRealServer(ServiceKey service, DestinationKey destination, DestinationSettings from,
                               DestinationSettings to, String reason) implements Operation {
    @Override
    public String render() {
        return "~   real " + destination + " of " + service + " " + Describe.destination(from) + " -> "
                + Describe.destination(to) + (reason == null ? "" : " (" + reason + ")");
    }
}
