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
    private final Duration timeout;
    private int nextSeq;

    public Connection(NetlinkSocket socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
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
        long deadline = deadline();
        List<NetlinkMessage> data = new ArrayList<>();
        while (true) {
            for (NetlinkMessage m : receiveFor(op, deadline)) {
                if (m.seq() != seq) {
                    continue; // a late reply to an earlier, timed-out request
                }
                if (m.type() == Netlink.NLMSG_ERROR) {
                    ErrorReply err = ErrorReply.parse(m);
                    if (err.errno() != 0) {
                        throw new NetlinkException(op, err.errno(), err.extAck(), seq);
                    }
                    return data;
                }
                data.add(m);
            }
        }
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
        long deadline = deadline();
        List<NetlinkMessage> out = new ArrayList<>();
        boolean interrupted = false;
        while (true) {
            for (NetlinkMessage m : receiveFor(op, deadline)) {
                if (m.seq() != seq) {
                    continue;
                }
                interrupted |= (m.flags() & Netlink.NLM_F_DUMP_INTR) != 0;
                switch (m.type()) {
                    case Netlink.NLMSG_ERROR -> {
                        ErrorReply err = ErrorReply.parse(m);
                        throw new NetlinkException(op, err.errno() == 0 ? Errno.EINVAL : err.errno(), err.extAck(), seq);
                    }
                    case Netlink.NLMSG_DONE -> {
                        int status = doneStatus(m);
                        if (status < 0) {
                            throw new NetlinkProtocolException(op + ": NLMSG_DONE carries a positive code " + (-status));
                        }
                        if (status != 0) {
                            throw new NetlinkException(op, status, null, seq);
                        }
                        if (interrupted) {
                            throw new NetlinkException(op, Errno.EINTR, "dump changed while it was read", seq);
                        }
                        return out;
                    }
                    case Netlink.NLMSG_NOOP -> { }
                    case Netlink.NLMSG_OVERRUN -> throw new NetlinkProtocolException(op + ": kernel reported overrun");
                    default -> out.add(m);
                }
            }
        }
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
        long deadline = deadline();
        int ackedWanted = 0;
        while (ackedWanted < acksWanted) {
            for (NetlinkMessage m : receiveFor(op, deadline)) {
                int index = m.seq() - firstSeq;
                if (index < 0 || index >= messages.size() || m.type() != Netlink.NLMSG_ERROR) {
                    continue;
                }
                ErrorReply err = ErrorReply.parse(m);
                if (acks.putIfAbsent(index, new Ack(index, err.errno(), err.extAck())) == null
                        && (messages.get(index).flags() & Netlink.NLM_F_ACK) != 0) {
                    ackedWanted++;
                }
            }
        }
        List<Ack> out = new ArrayList<>(acks.values());
        out.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return out;
    }

    private List<NetlinkMessage> receiveFor(String op, long deadline) throws IOException {
        byte[] datagram;
        try {
            datagram = socket.receive(deadline);
        } catch (NetlinkException e) {
            throw new NetlinkException(op, e.errno(), e.extAck(), e.seq());
        }
        if (datagram == null) {
            throw new NetlinkTimeoutException(op, timeout);
        }
        List<NetlinkMessage> messages = NetlinkMessage.decodeAll(ByteBuffer.wrap(datagram));
        int ourPort = socket.portId();
        for (NetlinkMessage m : messages) {
            if (m.pid() != 0 && ourPort != 0 && m.pid() != ourPort) {
                throw new NetlinkProtocolException(op + ": reply addressed to port " + Integer.toUnsignedString(m.pid())
                        + ", ours is " + Integer.toUnsignedString(ourPort));
            }
        }
        return messages;
    }

    private static int doneStatus(NetlinkMessage done) {
        ByteBuffer b = done.payloadBuffer();
        return b.remaining() >= 4 ? -b.order(ByteOrder.nativeOrder()).getInt(0) : 0;
    }

    private int seq() {
        return nextSeq++;
    }

    private long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    @Override
    public void close() {
        socket.close();
    }
}
