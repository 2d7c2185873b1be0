package io.ipvsd.ipvs;

/**
 * A real server of a service as the kernel reports it.
 *
 * @param family address family of the real server (may differ from the service's for tunnels)
 */
public record Destination(DestinationKey key, AddressFamily family, DestinationSettings settings,
                          long activeConnections, long inactiveConnections, long persistentConnections,
                          Stats stats) {
}
