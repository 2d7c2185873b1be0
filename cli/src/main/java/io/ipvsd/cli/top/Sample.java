package io.ipvsd.cli.top;

import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.Service;
import java.util.List;

/**
 * One read of the IPVS table: every service with its real servers, and when it was taken
 * (System.nanoTime), so rates come from two reads of the kernel's 64-bit counters.
 */
record Sample(long nanos, List<Entry> services) {
    record Entry(Service service, List<Destination> destinations) {
    }
}
