package io.ipvsd.daemon.reconcile;

import io.ipvsd.daemon.plan.Operation;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceTable;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The reconciler's view of IPVS: the service table, each service's real servers, and pipelined writes. */
public interface IpvsGateway {

    /**
     * Every service, in one dump. A service that cannot be read fully (a value ipvsd does not
     * model) is listed as unread, so it cannot blind the pass to the others.
     */
    ServiceTable serviceTable() throws IOException;

    /**
     * The real servers of one service, in one dump; empty when the service is gone (deleted since
     * the service dump).
     *
     * @throws NetlinkProtocolException when one of them has a value ipvsd does not model
     */
    Optional<List<Destination>> destinations(ServiceKey service) throws IOException;

    Timeouts timeouts() throws IOException;

    List<SyncDaemon> syncDaemons() throws IOException;

    /**
     * Applies the IPVS operations of a plan (services, real servers, timeouts, sync daemon) in order, as few
     * round trips as possible.
     *
     * @return the operations the kernel refused, each with its reason
     */
    List<OperationFailure> apply(List<Operation> operations) throws IOException;
}
