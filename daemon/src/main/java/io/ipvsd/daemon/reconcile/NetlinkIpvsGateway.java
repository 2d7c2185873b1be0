package io.ipvsd.daemon.reconcile;

import io.ipvsd.daemon.plan.IpvsChange;
import io.ipvsd.daemon.plan.Operation;
import io.ipvsd.daemon.plan.SetTimeouts;
import io.ipvsd.daemon.plan.StartSyncDaemon;
import io.ipvsd.daemon.plan.StopSyncDaemon;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.IpvsOp;
import io.ipvsd.ipvs.IpvsOpResult;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceTable;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.NetlinkException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link IpvsGateway} over the generic netlink client: the plan's IPVS ops are pipelined as they are. */
public final class NetlinkIpvsGateway implements IpvsGateway {
    private final IpvsClient client;

    public NetlinkIpvsGateway(IpvsClient client) {
        this.client = client;
    }

    @Override
    public ServiceTable serviceTable() throws IOException {
        return client.serviceTable();
    }

    @Override
    public Optional<List<Destination>> destinations(ServiceKey service) throws IOException {
        try {
            return Optional.of(client.destinations(service));
        } catch (NetlinkException e) {
            // Deleted between the service dump and this one: it is simply not there.
            if (e.errno() == Errno.ESRCH || e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Timeouts timeouts() throws IOException {
        return client.timeouts();
    }

    @Override
    public List<SyncDaemon> syncDaemons() throws IOException {
        return client.syncDaemons();
    }

    @Override
    public List<OperationFailure> apply(List<Operation> operations) throws IOException {
        List<OperationFailure> failures = new ArrayList<>();
        List<IpvsOp> ops = new ArrayList<>();
        List<Operation> sources = new ArrayList<>();
        for (Operation op : operations) {
            // Configuration commands are single requests; only service and real server ops pipeline.
            try {
                if (op instanceof IpvsChange change) {
                    ops.add(change.op());
                    sources.add(op);
                } else if (op instanceof SetTimeouts t) {
                    client.setTimeouts(t.to());
                } else if (op instanceof StopSyncDaemon stop) {
                    client.stopSyncDaemon(stop.daemon().state());
                } else if (op instanceof StartSyncDaemon start) {
                    client.startSyncDaemon(start.daemon());
                } else {
                    throw new IllegalArgumentException("not an IPVS operation: " + op.render());
                }
            } catch (NetlinkException e) {
                failures.add(new OperationFailure(op, e.errno(), e.getMessage()));
            }
        }
        List<IpvsOpResult> results = client.apply(ops);
        for (int i = 0; i < results.size(); i++) {
            IpvsOpResult r = results.get(i);
            if (!r.ok() && !alreadyDone(r)) {
                failures.add(new OperationFailure(sources.get(i), r.errno(), r.toString()));
            }
        }
        return failures;
    }

    /**
     * An add that finds the object there, or a delete that finds it gone, means someone else got
     * there first (as keepalived treats it): the next observation plans from what is there now.
     */
    private static boolean alreadyDone(IpvsOpResult r) {
        IpvsOp op = r.op();
        if (op instanceof IpvsOp.AddService || op instanceof IpvsOp.AddDestination) {
            return r.errno() == Errno.EEXIST;
        }
        if (op instanceof IpvsOp.DeleteService || op instanceof IpvsOp.DeleteDestination) {
            return r.errno() == Errno.ESRCH || r.errno() == Errno.ENOENT;
        }
        return false;
    }
}
