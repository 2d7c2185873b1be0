package io.ipvsd.ipvs.testkit;

import static io.ipvsd.ipvs.wire.IpvsGenl.*;

import io.ipvsd.genl.Genl;
import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.Stats;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.wire.AttrTable;
import io.ipvsd.ipvs.wire.DestinationCodec;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import io.ipvsd.netlink.NetlinkSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An IPVS kernel in memory behind the {@link NetlinkSocket} seam, for fast tests of code that uses
 * {@code IpvsClient.over(new Connection(kernel, timeout))}. It resolves the generic netlink
 * family "IPVS", applies NEW/SET/DEL/GET/FLUSH/ZERO of services, destinations, daemons and
 * timeouts, dumps in multi-part datagrams, and refuses with the errnos the 6.1 kernel gives
 * (measured in the VM: ESRCH for a missing service, ENOENT for a missing destination or an unknown
 * scheduler, EEXIST for a duplicate, ERANGE for thresholds...). Replies are ready when send
 * returns: a receive with nothing queued returns null at once (the caller's timeout).
 *
 * <p>Tests can inject failures ({@link #failWhen}), count writes ({@link #writeCount()}, e.g. to
 * show an idle tick writes nothing), and read what was sent ({@link #received()}).
 */
public final class FakeIpvsKernel implements NetlinkSocket {
    /** The id the 6.1 VM kernel gave the family: golden bytes captured there match ours. */
    public static final int FAMILY_ID = 0x20;
    private static final int PORT_ID = 4321;
    /** Dumps are cut into datagrams of at most this many bytes, as the kernel fills one skb. */
    private static final int DUMP_DATAGRAM_BYTES = 8192;
    private static final int CTRL_CMD_NEWFAMILY = 1;

    private record FailureRule(Predicate<FakeRequest> when, int errno) {
    }

    private final FakeIpvsTables tables = new FakeIpvsTables();
    private final Queue<byte[]> replies = new ArrayDeque<>();
    private final List<NetlinkMessage> received = new ArrayList<>();
    private final List<FailureRule> failures = new ArrayList<>();
    private final Map<Integer, Service> servicesOfOtherProtocols = new LinkedHashMap<>();
    private final Map<DestinationKey, Integer> rawTunnelTypes = new HashMap<>();
    private int writes;
    private boolean closed;

    // --- inspection and hooks ------------------------------------------------------------------

    /** Every IPVS request received (not the family lookups), in order. */
    public synchronized List<NetlinkMessage> received() {
        return List.copyOf(received);
    }

    /** Write requests received (whether they succeeded or not) since the start or the last reset. */
    public synchronized int writeCount() {
        return writes;
    }

    public synchronized void resetWriteCount() {
        writes = 0;
    }

    /** Refuses every matching request with {@code errno}, before the tables see it. */
    public synchronized void failWhen(Predicate<FakeRequest> when, int errno) {
        failures.add(new FailureRule(when, errno));
    }

    public synchronized void clearFailures() {
        failures.clear();
    }

    public synchronized List<Service> services() {
        return tables.services();
    }

    public synchronized List<Destination> destinations(ServiceKey service) {
        return tables.destinations(service);
    }

    public synchronized List<SyncDaemon> syncDaemons() {
        return tables.daemons();
    }

    /** An interface a sync daemon can use ("lo" exists from the start). */
    public synchronized void addInterface(String name, int mtu) {
        tables.addInterface(name, mtu);
    }

    /** Sets a service's counters, which only traffic changes in a real kernel. */
    public synchronized void setStats(ServiceKey service, Stats stats) {
        tables.setStats(service, stats);
    }

    /**
     * Adds a service the dump reports with a protocol number ipvsd does not model, as a real
     * kernel holds one made over generic netlink (which checks no protocol).
     */
    public synchronized void addServiceOfProtocol(int protocol, Service shape) {
        servicesOfOtherProtocols.put(protocol, shape);
    }

    /** Makes the dump report this destination with a raw tunnel type (the kernel does not bound it). */
    public synchronized void setRawTunnelType(DestinationKey destination, int tunnelType) {
        rawTunnelTypes.put(destination, tunnelType);
    }

    /** Replaces a destination's counters and stats (its key must exist). */
    public synchronized void setDestination(ServiceKey service, Destination destination) {
        tables.setDestination(service, destination);
    }

    // --- the socket ----------------------------------------------------------------------------

    @Override
    public int portId() {
        return PORT_ID;
    }

    @Override
    public synchronized void send(byte[] datagram) throws IOException {
        if (closed) {
            throw new IOException("fake kernel socket is closed");
        }
        for (NetlinkMessage m : NetlinkMessage.decodeAll(ByteBuffer.wrap(datagram))) {
            if ((m.flags() & Netlink.NLM_F_REQUEST) == 0) {
                answer(m, 0, null); // the kernel handles only requests, and acks the rest if asked
            } else if (m.type() == Genl.GENL_ID_CTRL) {
                resolveFamily(m);
            } else if (m.type() == FAMILY_ID) {
                received.add(m);
                ipvs(m);
            } else {
                answer(m, Errno.ENOENT, null);
            }
        }
    }

    @Override
    public synchronized byte[] receive(long deadlineNanos) throws IOException {
        if (closed) {
            throw new IOException("fake kernel socket is closed");
        }
        return replies.poll();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    // --- requests ------------------------------------------------------------------------------

    private void resolveFamily(NetlinkMessage m) throws NetlinkProtocolException {
        AttrTable t = AttrTable.parse(Genl.attributes(m), Genl.CTRL_ATTR_MAXATTR, "getfamily");
        if (Genl.command(m) != Genl.CTRL_CMD_GETFAMILY || !t.has(Genl.CTRL_ATTR_FAMILY_NAME)
                || !FAMILY_NAME.equals(t.string(Genl.CTRL_ATTR_FAMILY_NAME))) {
            answer(m, Errno.ENOENT, null);
            return;
        }
        AttrWriter w = new AttrWriter().string(Genl.CTRL_ATTR_FAMILY_NAME, FAMILY_NAME)
                .u16(Genl.CTRL_ATTR_FAMILY_ID, FAMILY_ID).u32(Genl.CTRL_ATTR_VERSION, VERSION)
                .u32(Genl.CTRL_ATTR_HDRSIZE, 0).u32(Genl.CTRL_ATTR_MAXATTR, CMD_ATTR_MAX);
        replies.add(reply(m, Genl.GENL_ID_CTRL, 0, Genl.message(0, 0, CTRL_CMD_NEWFAMILY, 2, w).payload()).encode());
        answer(m, 0, null);
    }

    private void ipvs(NetlinkMessage m) {
        int cmd = Genl.command(m);
        AttrTable top;
        try {
            top = AttrTable.parse(Genl.attributes(m), CMD_ATTR_MAX, "request");
        } catch (NetlinkProtocolException e) {
            answer(m, Errno.EINVAL, null); // the genetlink policy refuses it
            return;
        }
        FakeRequest request = new FakeRequest(cmd, serviceOf(top), destinationOf(top));
        if (request.isWrite()) {
            writes++;
        }
        for (FailureRule rule : failures) {
            if (rule.when().test(request)) {
                answer(m, rule.errno(), null);
                return;
            }
        }
        boolean dump = (m.flags() & Netlink.NLM_F_DUMP) == Netlink.NLM_F_DUMP;
        try {
            if (dump) {
                dump(m, cmd, top);
                return;
            }
            switch (cmd) {
                case CMD_GET_SERVICE -> data(m, CMD_NEW_SERVICE, w -> FakeReplies.service(w, tables.service(top)));
                case CMD_GET_CONFIG -> data(m, CMD_SET_CONFIG, w -> FakeReplies.timeouts(w, tables.timeouts()));
                case CMD_GET_INFO -> data(m, CMD_SET_INFO,
                        w -> w.u32(INFO_ATTR_VERSION, 0x010201).u32(INFO_ATTR_CONN_TAB_SIZE, 4096));
                case CMD_NEW_SERVICE -> tables.addService(top);
                case CMD_SET_SERVICE -> tables.editService(top);
                case CMD_DEL_SERVICE -> tables.deleteService(top);
                case CMD_NEW_DEST -> tables.addDestination(top);
                case CMD_SET_DEST -> tables.editDestination(top);
                case CMD_DEL_DEST -> tables.deleteDestination(top);
                case CMD_ZERO -> tables.zero(top);
                case CMD_FLUSH -> tables.flush();
                case CMD_SET_CONFIG -> tables.setTimeouts(top);
                case CMD_NEW_DAEMON -> tables.startDaemon(top);
                case CMD_DEL_DAEMON -> tables.stopDaemon(top);
                default -> throw new KernelError(Errno.ENOTSUP); // GET_DEST and GET_DAEMON are dump-only
            }
            answer(m, 0, null);
        } catch (KernelError e) {
            answer(m, e.errno, null);
        }
    }

    private interface Body {
        void write(AttrWriter w) throws KernelError;
    }

    /** A doit reply: one data message, then the ack if asked. */
    private void data(NetlinkMessage m, int replyCmd, Body body) throws KernelError {
        AttrWriter w = new AttrWriter();
        body.write(w);
        replies.add(reply(m, FAMILY_ID, 0, Genl.message(0, 0, replyCmd, VERSION, w).payload()).encode());
    }

    private void dump(NetlinkMessage m, int cmd, AttrTable top) throws KernelError {
        List<NetlinkMessage> parts = new ArrayList<>();
        Consumer<Consumer<AttrWriter>> add = body -> {
            AttrWriter w = new AttrWriter();
            body.accept(w);
            int replyCmd = cmd == CMD_GET_SERVICE ? CMD_NEW_SERVICE : cmd == CMD_GET_DEST ? CMD_NEW_DEST : CMD_NEW_DAEMON;
            parts.add(reply(m, FAMILY_ID, Netlink.NLM_F_MULTI, Genl.message(0, 0, replyCmd, VERSION, w).payload()));
        };
        switch (cmd) {
            case CMD_GET_SERVICE -> {
                tables.services().forEach(s -> add.accept(w -> FakeReplies.service(w, s)));
                servicesOfOtherProtocols.forEach((protocol, s) -> add.accept(w -> FakeReplies.service(w, s, protocol)));
            }
            case CMD_GET_DEST -> tables.destinations(top).forEach(d -> add.accept(w -> {
                Integer raw = rawTunnelTypes.get(d.key());
                if (raw == null) {
                    FakeReplies.destination(w, d);
                } else {
                    FakeReplies.destination(w, d, raw);
                }
            }));
            case CMD_GET_DAEMON -> tables.daemons().forEach(d -> add.accept(w -> FakeReplies.daemon(w, d)));
            default -> throw new KernelError(Errno.ENOTSUP);
        }
        parts.add(reply(m, Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, new byte[4]));
        List<NetlinkMessage> datagram = new ArrayList<>();
        int bytes = 0;
        for (NetlinkMessage part : parts) {
            if (bytes + part.encodedLength() > DUMP_DATAGRAM_BYTES && !datagram.isEmpty()) {
                replies.add(NetlinkMessage.encodeAll(datagram));
                datagram.clear();
                bytes = 0;
            }
            datagram.add(part);
            bytes += part.encodedLength();
        }
        replies.add(NetlinkMessage.encodeAll(datagram));
    }

    /**
     * NLMSG_ERROR as a socket with NETLINK_CAP_ACK gets it (the client's sockets set it): the
     * errno and the request's header only. A success is sent only when the request asked for it.
     */
    private void answer(NetlinkMessage request, int errno, String extAck) {
        if (errno == 0 && (request.flags() & Netlink.NLM_F_ACK) == 0) {
            return;
        }
        AttrWriter tlvs = new AttrWriter();
        if (extAck != null) {
            tlvs.string(Netlink.NLMSGERR_ATTR_MSG, extAck);
        }
        byte[] attrs = tlvs.toBytes();
        ByteBuffer p = ByteBuffer.allocate(4 + Netlink.HEADER_LENGTH + attrs.length).order(ByteOrder.nativeOrder());
        p.putInt(-errno);
        p.putInt(Netlink.HEADER_LENGTH + request.payload().length).putShort((short) request.type())
                .putShort((short) request.flags()).putInt(request.seq()).putInt(request.pid());
        p.put(attrs);
        int flags = Netlink.NLM_F_CAPPED | (extAck != null ? Netlink.NLM_F_ACK_TLVS : 0);
        replies.add(reply(request, Netlink.NLMSG_ERROR, flags, p.array()).encode());
    }

    private static NetlinkMessage reply(NetlinkMessage request, int type, int flags, byte[] payload) {
        return new NetlinkMessage(type, flags, request.seq(), PORT_ID, payload);
    }

    private static ServiceKey serviceOf(AttrTable top) {
        try {
            return FakeIpvsTables.serviceKey(top);
        } catch (KernelError e) {
            return null;
        }
    }

    private static DestinationKey destinationOf(AttrTable top) {
        try {
            AttrTable d = top.nested(CMD_ATTR_DEST, DEST_ATTR_MAX, "destination");
            ServiceKey service = serviceOf(top);
            AddressFamily family = d.has(DEST_ATTR_ADDR_FAMILY) ? AddressFamily.fromValue(d.u16(DEST_ATTR_ADDR_FAMILY))
                    : service != null ? service.family() : null;
            return family == null ? null : DestinationCodec.decodeKey(d, family);
        } catch (NetlinkProtocolException | IllegalArgumentException e) {
            return null;
        }
    }
}
