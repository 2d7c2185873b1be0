package io.ipvsd.cli;

import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.IpvsInfo;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.ipvs.conn.IpvsConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A canned IPVS: services and destinations in "kernel order", a connection table, or a failure. */
public final class FakeIpvsAccess implements IpvsAccess {
    private final Map<Service, List<Destination>> table = new LinkedHashMap<>();
    private List<IpvsConnection> connections = List.of();
    private Timeouts timeouts = new Timeouts(900, 120, 300);
    private List<SyncDaemon> syncDaemons = List.of();
    private IOException failure;
    /** The netns argument of every open, in order. */
    public final List<Path> netnsAsked = new ArrayList<>();
    public int openTables;
    public int closedTables;

    public FakeIpvsAccess add(Service service, Destination... destinations) {
        table.put(service, List.of(destinations));
        return this;
    }

    public FakeIpvsAccess connections(List<IpvsConnection> connections) {
        this.connections = connections;
        return this;
    }

    public FakeIpvsAccess timeouts(Timeouts timeouts) {
        this.timeouts = timeouts;
        return this;
    }

    public FakeIpvsAccess syncDaemons(SyncDaemon... daemons) {
        this.syncDaemons = List.of(daemons);
        return this;
    }

    /** Every access fails with this. */
    public FakeIpvsAccess failWith(IOException failure) {
        this.failure = failure;
        return this;
    }

    @Override
    public IpvsTable openTable(Path netns) throws IOException {
        netnsAsked.add(netns);
        if (failure != null) {
            throw failure;
        }
        openTables++;
        return new IpvsTable() {
            @Override
            public IpvsInfo info() {
                return new IpvsInfo("1.2.1", 4096);
            }

            @Override
            public List<Service> services() {
                return List.copyOf(table.keySet());
            }

            @Override
            public List<Destination> destinations(ServiceKey service) {
                return table.entrySet().stream().filter(e -> e.getKey().key().equals(service))
                        .findFirst().map(Map.Entry::getValue).orElse(List.of());
            }

            @Override
            public Timeouts timeouts() {
                return timeouts;
            }

            @Override
            public List<SyncDaemon> syncDaemons() {
                return syncDaemons;
            }

            @Override
            public void close() {
                closedTables++;
            }
        };
    }

    @Override
    public List<IpvsConnection> readConnections(Path netns) throws IOException {
        netnsAsked.add(netns);
        if (failure != null) {
            throw failure;
        }
        return connections;
    }
}
