package io.ipvsd.daemon.reconcile;

import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.daemon.plan.ObservedService;
import io.ipvsd.daemon.plan.Operation;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.SyncDaemon;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The reconciler's view of IPVS: one observation, and pipelined writes. */
public interface IpvsGateway {

    /** Every service with its real servers: one service dump plus one destination dump each. */
    Map<ServiceKey, ObservedService> services() throws IOException;

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
