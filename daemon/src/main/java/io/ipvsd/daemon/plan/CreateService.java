package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;

public record CreateService(ServiceKey key, ServiceSettings settings) implements Operation {
    @Override
    public String render() {
        return "+ service " + key + " " + Describe.service(key, settings);
    }
}
