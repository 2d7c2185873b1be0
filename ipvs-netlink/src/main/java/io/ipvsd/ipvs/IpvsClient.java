package io.ipvsd.ipvs;

import io.ipvsd.genl.Family;
import io.ipvsd.genl.FamilyResolver;
import io.ipvsd.ipvs.wire.IpvsGenl;
import io.ipvsd.ipvs.wire.IpvsReplies;
import io.ipvsd.netlink.Ack;
import io.ipvsd.netlink.Connection;
import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkException;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import io.ipvsd.netlink.NetlinkSocket;
import io.ipvsd.netlink.jnr.NetlinkSockets;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's IPVS tables over generic netlink: what ipvsadm does, without a process per command.
 * Reads are one dump each; writes are one request each, or pipelined with {@link #apply}. Every
 * refusal is a {@link NetlinkException} whose op names the action and objects, e.g. "add
 * destination 198.51.100.1:80 to TCP 192.0.2.1:80: EEXIST (File exists)". Invalid values are
 * refused before sending with {@link IllegalArgumentException}. Calls share one socket and run one
 * at a time.
 */
public final class IpvsClient implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Ops per datagram in {@link #apply}: their acks must all fit the socket's receive queue
     * before we read them, and 512 of ~250-byte requests keep each send well under 1 MiB.
     */
    static final int MAX_OPS_PER_SEND = 512;

    private static final String FAMILY_HINT = "load the ip_vs kernel module (modprobe ip_vs)";

    private final Connection connection;
    private final IpvsRequests requests;

    private IpvsClient(Connection connection, Family family) {
        this.connection = connection;
        this.requests = new IpvsRequests(family.id());
    }

    /** A client in this process's network namespace. */
    public static IpvsClient open() throws IOException {
        return openOver(NetlinkSockets.open(Netlink.NETLINK_GENERIC));
    }

    /** A client of the IPVS tables of another network namespace, e.g. /run/netns/NAME. */
    public static IpvsClient open(Path netns) throws IOException {
        return openOver(NetlinkSockets.openIn(netns, Netlink.NETLINK_GENERIC));
    }

    /**
     * A client over an existing connection (a fake kernel in tests). Resolves the family once;
     * the client owns the connection from then on and closes it.
     */
    public static IpvsClient over(Connection connection) throws IOException {
        return new IpvsClient(connection, FamilyResolver.resolve(connection, IpvsGenl.FAMILY_NAME, FAMILY_HINT));
    }

    private static IpvsClient openOver(NetlinkSocket socket) throws IOException {
        Connection connection = new Connection(socket, DEFAULT_TIMEOUT);
        try {
            return over(connection);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Every virtual service, in one dump. */
    public List<Service> services() throws IOException {
        List<Service> out = new ArrayList<>();
        for (NetlinkMessage m : connection.dump("list services", requests.getServices())) {
            out.add(IpvsReplies.service(m));
        }
        return out;
    }

    /**
     * Every virtual service in one dump, read leniently: a service with a value ipvsd does not
     * model (see {@link UnreadService}) is listed with what could be read and why, so one odd
     * service does not hide the others.
     */
    public ServiceTable serviceTable() throws IOException {
        List<Service> services = new ArrayList<>();
        List<UnreadService> unread = new ArrayList<>();
        for (NetlinkMessage m : connection.dump("list services", requests.getServices())) {
            try {
                services.add(IpvsReplies.service(m));
            } catch (NetlinkProtocolException e) {
                unread.add(IpvsReplies.unreadService(m, e.getMessage()));
            }
        }
        return new ServiceTable(services, unread);
    }

    /** The real servers of a service; empty when the service does not exist (as the kernel answers). */
    public List<Destination> destinations(ServiceKey service) throws IOException {
        List<Destination> out = new ArrayList<>();
        for (NetlinkMessage m : connection.dump("list destinations of " + service, requests.getDestinations(service))) {
            out.add(IpvsReplies.destination(m, service.family()));
        }
        return out;
    }

    public Optional<Service> service(ServiceKey key) throws IOException {
        List<NetlinkMessage> replies;
        try {
            replies = connection.execute("get service " + key, requests.getService(key));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ESRCH) { // IPVS's "no such service"
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(IpvsReplies.service(single("get service " + key, replies)));
    }

    public void addService(ServiceKey key, ServiceSettings settings) throws IOException {
        write(new IpvsOp.AddService(key, settings));
    }

    public void editService(ServiceKey key, ServiceSettings settings) throws IOException {
        write(new IpvsOp.EditService(key, settings));
    }

    public void deleteService(ServiceKey key) throws IOException {
        write(new IpvsOp.DeleteService(key));
    }

    public void addDestination(ServiceKey service, DestinationKey key, DestinationSettings settings) throws IOException {
        write(new IpvsOp.AddDestination(service, key, settings));
    }

    public void editDestination(ServiceKey service, DestinationKey key, DestinationSettings settings) throws IOException {
        write(new IpvsOp.EditDestination(service, key, settings));
    }

    public void deleteDestination(ServiceKey service, DestinationKey key) throws IOException {
        write(new IpvsOp.DeleteDestination(service, key));
    }

    /**
     * Sends the ops pipelined, many per datagram, each with its own ack. The kernel applies them in
     * order and goes on after a failure, so later ops may depend on earlier ones (a service, then
     * its destinations) and one refusal does not stop the rest.
     *
     * @return one result per op, in the order of {@code ops}
     * @throws IOException when the exchange itself fails (no answer, socket error); results of
     *                     earlier datagrams are then lost, and the tables must be read again
     */
    public List<IpvsOpResult> apply(List<IpvsOp> ops) throws IOException {
        List<IpvsOpResult> results = new ArrayList<>(ops.size());
        for (int start = 0; start < ops.size(); start += MAX_OPS_PER_SEND) {
            List<IpvsOp> chunk = ops.subList(start, Math.min(ops.size(), start + MAX_OPS_PER_SEND));
            List<NetlinkMessage> messages = new ArrayList<>(chunk.size());
            for (IpvsOp op : chunk) {
                messages.add(requests.of(op).withFlags(Netlink.NLM_F_ACK));
            }
            Ack[] acks = new Ack[chunk.size()];
            for (Ack a : connection.transact("apply " + chunk.size() + " IPVS ops", messages)) {
                acks[a.index()] = a;
            }
            for (int i = 0; i < chunk.size(); i++) {
                if (acks[i] == null) {
                    throw new NetlinkProtocolException("apply: the kernel did not answer " + chunk.get(i));
                }
                results.add(new IpvsOpResult(chunk.get(i), acks[i].errno(), acks[i].extAck()));
            }
        }
        return results;
    }

    public IpvsInfo info() throws IOException {
        return IpvsReplies.info(single("get IPVS info", connection.execute("get IPVS info", requests.getInfo())));
    }

    public Timeouts timeouts() throws IOException {
        return IpvsReplies.timeouts(single("get timeouts", connection.execute("get timeouts", requests.getTimeouts())));
    }

    /** Sets the timeouts; a 0 leaves that one unchanged. */
    public void setTimeouts(Timeouts timeouts) throws IOException {
        InputChecks.timeouts(timeouts);
        connection.execute("set timeouts " + timeouts, requests.setTimeouts(timeouts));
    }

    /** Zeroes the counters of every service and destination. */
    public void zero() throws IOException {
        connection.execute("zero counters", requests.zeroAll());
    }

    public void zero(ServiceKey service) throws IOException {
        connection.execute("zero counters of " + service, requests.zero(service));
    }

    /** Deletes every service and destination. */
    public void flush() throws IOException {
        connection.execute("flush services", requests.flush());
    }

    public List<SyncDaemon> syncDaemons() throws IOException {
        List<SyncDaemon> out = new ArrayList<>();
        for (NetlinkMessage m : connection.dump("list sync daemons", requests.getSyncDaemons())) {
            out.add(IpvsReplies.syncDaemon(m));
        }
        return out;
    }

    public void startSyncDaemon(SyncDaemon daemon) throws IOException {
        InputChecks.syncDaemon(daemon);
        connection.execute("start " + daemon.state().label() + " sync daemon on " + daemon.interfaceName(),
                requests.startSyncDaemon(daemon));
    }

    public void stopSyncDaemon(SyncState state) throws IOException {
        connection.execute("stop " + state.label() + " sync daemon", requests.stopSyncDaemon(state));
    }

    @Override
    public void close() {
        connection.close();
    }

    private void write(IpvsOp op) throws IOException {
        connection.execute(op.label(), requests.of(op));
    }

    private static NetlinkMessage single(String op, List<NetlinkMessage> replies) throws NetlinkProtocolException {
        if (replies.size() != 1) {
            throw new NetlinkProtocolException(op + ": expected 1 reply, got " + replies.size());
        }
        return replies.get(0);
    }
}
