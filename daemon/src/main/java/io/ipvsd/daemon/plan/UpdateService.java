package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;

public record UpdateService(ServiceKey key, ServiceSettings from, ServiceSettings to) implements Operation {
    @Override
    public String render() {
        return "~ service " + key + " " + Describe.service(key, from) + " -> " + Describe.service(key, to);
    }
}
