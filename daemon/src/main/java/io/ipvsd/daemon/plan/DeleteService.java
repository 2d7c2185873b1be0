package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.ServiceKey;

/** Deletes a service and, with it, its real servers (the kernel removes them together). */
public record DeleteService(ServiceKey key) implements Operation {
    @Override
    public String render() {
        return "- service " + key;
    }
}
