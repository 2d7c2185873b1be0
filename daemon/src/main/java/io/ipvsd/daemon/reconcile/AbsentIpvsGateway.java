package io.ipvsd.daemon.reconcile;

import io.ipvsd.daemon.plan.Operation;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceTable;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.Timeouts;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * IPVS on a kernel that has none: an empty table, and every write refused with the reason. A
 * file with VRRP instances or static addresses and no services runs on such a kernel (a pure
 * VIP holder); a reload that adds services reports why each pass cannot apply them.
 */
public final class AbsentIpvsGateway implements IpvsGateway {
    private final String reason;

    public AbsentIpvsGateway(String reason) {
        this.reason = reason;
    }

    @Override
    public ServiceTable serviceTable() {
        return new ServiceTable(List.of(), List.of());
    }

    @Override
    public Optional<List<Destination>> destinations(ServiceKey service) {
        return Optional.empty();
    }

    @Override
    public Timeouts timeouts() throws IOException {
        throw new IOException(reason);
    }

    @Override
    public List<SyncDaemon> syncDaemons() throws IOException {
        throw new IOException(reason);
    }

    @Override
    public List<OperationFailure> apply(List<Operation> operations) throws IOException {
        throw new IOException(reason);
    }
}
