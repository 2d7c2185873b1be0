package io.ipvsd.netlink;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Request/reply exchanges over one netlink socket: sequence numbers, acks, multi-part dumps,
 * pipelined writes, and a deadline on every call. Not thread-safe: one caller at a time
 * (methods are synchronized so misuse is serialized, not corrupted).
 */
public final class Connection implements Closeable {
    /** A dump that changed while it was read (NLM_F_DUMP_INTR) is retried this many times. */
    private static final int DUMP_ATTEMPTS = 3;

    private final NetlinkSocket socket;
    private final Receiver receiver;
    private int nextSeq;

    public Connection(NetlinkSocket socket, Duration timeout) {
        this.socket = socket;
        this.receiver = new Receiver(socket, timeout);
        // Start from a time-derived number so replies to an earlier process's requests never match.
        this.nextSeq = (int) (System.nanoTime() >>> 10) & 0x3fffffff;
    }

    /**
     * Sends one request with NLM_F_ACK and returns the data messages that came before the ack.
     *
     * @throws NetlinkException when the kernel answers with an error
     */
    public synchronized List<NetlinkMessage> execute(String op, NetlinkMessage request) throws IOException {
        int seq = seq();
        socket.send(request.withFlags(request.flags() | Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK).withSeq(seq).encode());
        List<NetlinkMessage> data = new ArrayList<>();
        receiver.receiveUntil(op, receiver.deadline(), seq, 1, (index, m, err) -> {
            if (err == null) {
                data.add(m);
                return false;
            }
            if (err.errno() != 0) {
                throw new NetlinkException(op, err.errno(), err.extAck(), seq);
            }
            return true;
        });
        return data;
    }

    /** Sends a dump request and returns every message of the multi-part answer. */
    public synchronized List<NetlinkMessage> dump(String op, NetlinkMessage request) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return dumpOnce(op, request);
            } catch (NetlinkException e) {
                if (e.errno() != Errno.EINTR || attempt == DUMP_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private List<NetlinkMessage> dumpOnce(String op, NetlinkMessage request) throws IOException {
        int seq = seq();
        socket.send(request.withFlags(request.flags() | Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP).withSeq(seq).encode());
        List<NetlinkMessage> out = new ArrayList<>();
        boolean[] interrupted = {false};
        receiver.receiveUntil(op, receiver.deadline(), seq, 1, (index, m, err) -> {
            interrupted[0] |= (m.flags() & Netlink.NLM_F_DUMP_INTR) != 0;
            switch (m.type()) {
                case Netlink.NLMSG_ERROR -> throw new NetlinkException(op, err.errno() == 0 ? Errno.EINVAL : err.errno(), err.extAck(), seq);
                case Netlink.NLMSG_DONE -> {
                    int status = doneStatus(m);
                    if (status < 0) {
                        throw new NetlinkProtocolException(op + ": NLMSG_DONE carries a positive code " + (-status));
                    }
                    if (status != 0) {
                        throw new NetlinkException(op, status, null, seq);
                    }
                    if (interrupted[0]) {
                        throw new NetlinkException(op, Errno.EINTR, "dump changed while it was read", seq);
                    }
                    return true;
                }
                case Netlink.NLMSG_NOOP -> { }
                case Netlink.NLMSG_OVERRUN -> throw new NetlinkProtocolException(op + ": kernel reported overrun");
                default -> out.add(m);
            }
            return false;
        });
        return out;
    }

    /**
     * Sends messages back to back in one datagram (the caller sets their flags; NLM_F_REQUEST is
     * added) and waits for the kernel's answer to each message that asked for an ack, plus any
     * error for the others. Each answer is mapped back to its message by sequence number.
     *
     * @return one {@link Ack} per message that got an answer, in the order sent
     */
    public synchronized List<Ack> transact(String op, List<NetlinkMessage> messages) throws IOException {
        if (messages.isEmpty()) {
            return List.of();
        }
        int firstSeq = seq();
        nextSeq += messages.size() - 1;
        List<NetlinkMessage> numbered = new ArrayList<>(messages.size());
        int acksWanted = 0;
        for (int i = 0; i < messages.size(); i++) {
            NetlinkMessage m = messages.get(i);
            numbered.add(m.withFlags(m.flags() | Netlink.NLM_F_REQUEST).withSeq(firstSeq + i));
            if ((m.flags() & Netlink.NLM_F_ACK) != 0) {
                acksWanted++;
            }
        }
        socket.send(NetlinkMessage.encodeAll(numbered));
        Map<Integer, Ack> acks = new HashMap<>();
        int wanted = acksWanted;
        int[] ackedWanted = {0};
        if (wanted > 0) {
            receiver.receiveUntil(op, receiver.deadline(), firstSeq, messages.size(), (index, m, err) -> {
                if (err != null && acks.putIfAbsent(index, new Ack(index, err.errno(), err.extAck())) == null
                        && (messages.get(index).flags() & Netlink.NLM_F_ACK) != 0) {
                    ackedWanted[0]++;
                }
                return ackedWanted[0] == wanted;
            });
        }
        List<Ack> out = new ArrayList<>(acks.values());
        out.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return out;
    }

    private static int doneStatus(NetlinkMessage done) {
        ByteBuffer b = done.payloadBuffer();
        return b.remaining() >= 4 ? -b.order(ByteOrder.nativeOrder()).getInt(0) : 0;
    }

    private int seq() {
        return nextSeq++;
    }

    @Override
    public void close() {
        socket.close();
    }
}
