package io.ipvsd.cli.list;

import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.Service;
import java.util.List;

/** A service with its destinations, in the order they are to be shown. */
record ServiceEntry(Service service, List<Destination> destinations) {
}
