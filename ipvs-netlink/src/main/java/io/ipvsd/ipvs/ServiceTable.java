package io.ipvsd.ipvs;

import java.util.List;

/**
 * One dump of the service table, read leniently: a service that does not decode fully does not
 * fail the dump, it is listed in {@code unread} with the reason.
 */
public record ServiceTable(List<Service> services, List<UnreadService> unread) {
    public ServiceTable {
        services = List.copyOf(services);
        unread = List.copyOf(unread);
    }
}
