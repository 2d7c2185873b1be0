package io.ipvsd.cli;

import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.IpvsInfo;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.Timeouts;
import java.io.IOException;
import java.util.List;

/** The kernel's IPVS table as the CLI reads it; an interface so commands can be tested without a kernel. */
public interface IpvsTable extends AutoCloseable {
    IpvsInfo info() throws IOException;

    /** All services, in the kernel's order. */
    List<Service> services() throws IOException;

    /** The destinations of one service, in the kernel's order. */
    List<Destination> destinations(ServiceKey service) throws IOException;

    /** The connection timeouts (tcp, tcpfin, udp) in seconds. */
    Timeouts timeouts() throws IOException;

    /** The running sync daemons, in the kernel's order (master before backup). */
    List<SyncDaemon> syncDaemons() throws IOException;

    @Override
    void close() throws IOException;
}
