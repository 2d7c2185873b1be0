package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.ServiceKey;

/** @param reason why (e.g. "drained", "drain timeout"), or null */
public record DeleteRealServer(ServiceKey service, DestinationKey destination, String reason) implements Operation {
    @Override
    public String render() {
        return "-   real " + destination + " of " + service + (reason == null ? "" : " (" + reason + ")");
    }
}
