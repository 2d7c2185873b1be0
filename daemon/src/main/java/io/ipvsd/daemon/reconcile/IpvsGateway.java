package io.ipvsd.daemon.reconcile;

import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.daemon.plan.ObservedServices;
import io.ipvsd.daemon.plan.Operation;
import io.ipvsd.ipvs.SyncDaemon;
import java.io.IOException;
import java.util.List;

/** The reconciler's view of IPVS: one observation, and pipelined writes. */
public interface IpvsGateway {

    /**
     * Every service with its real servers: one service dump plus one destination dump each. A
     * service that cannot be read fully (it or one of its real servers has a value ipvsd does not
     * model) is listed as unread, so it cannot blind the pass to the others.
     */
    ObservedServices services() throws IOException;

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
