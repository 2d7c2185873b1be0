package io.ipvsd.cli;

import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.IpvsInfo;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.ipvs.conn.ConnectionTableReader;
import io.ipvsd.ipvs.conn.IpvsConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** IPVS of the running kernel: generic netlink for the tables, /proc for the connections. */
public final class KernelIpvsAccess implements IpvsAccess {
    @Override
    public IpvsTable openTable(Path netns) throws IOException {
        return new ClientTable(netns == null ? IpvsClient.open() : IpvsClient.open(netns));
    }

    @Override
    public List<IpvsConnection> readConnections(Path netns) throws IOException {
        return netns == null ? ConnectionTableReader.read() : ConnectionTableReader.readIn(netns);
    }

    private record ClientTable(IpvsClient client) implements IpvsTable {
        @Override
        public IpvsInfo info() throws IOException {
            return client.info();
        }

        @Override
        public List<Service> services() throws IOException {
            return client.services();
        }

        @Override
        public List<Destination> destinations(ServiceKey service) throws IOException {
            return client.destinations(service);
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
        public void close() {
            client.close();
        }
    }
}
