package io.ipvsd.ipvs;

/** A virtual service as the kernel holds it: identity, settings, and counters. */
public record Service(ServiceKey key, ServiceSettings settings, Stats stats) {
}
