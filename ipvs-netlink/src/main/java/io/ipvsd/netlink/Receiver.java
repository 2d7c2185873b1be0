package io.ipvsd.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one receive loop over a netlink socket: datagrams until a deadline, split into messages,
 * checked to be addressed to our port, and handed over only when their sequence number belongs
 * to the exchange (a reply to an earlier, timed-out request is skipped), with an NLMSG_ERROR
 * already parsed. What an exchange waits for is the caller's: {@link Connection}'s calls and
 * nf_tables batches wait for different answers.
 */
public final class Receiver {
    /** Sees the replies of one exchange. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param index   the reply's sequence number minus the exchange's first one
         * @param message the reply
         * @param error   the parsed NLMSG_ERROR (errno 0 for an ack), or null for any other type
         * @return true when the exchange is complete: the rest is not read
         */
        boolean reply(int index, NetlinkMessage message, ErrorReply error) throws IOException;
    }

    /** Exchanges of this process that hit their deadline: one count for every socket (a metric). */
    private static final AtomicLong DEADLINES_MISSED = new AtomicLong();

    private final NetlinkSocket socket;
    private final Duration timeout;

    public Receiver(NetlinkSocket socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** How many exchanges, on any netlink socket of this process, ended at their deadline so far. */
    public static long deadlinesMissed() {
        return DEADLINES_MISSED.get();
    }

    /** The deadline of an exchange that starts now. */
    public long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /**
     * Hands the replies to the {@code count} messages numbered from {@code firstSeq} to the handler
     * until it reports the exchange complete.
     *
     * @throws NetlinkTimeoutException when the deadline passes first
     */
    public void receiveUntil(String op, long deadline, int firstSeq, int count, Handler handler) throws IOException {
        while (true) {
            byte[] datagram = receive(op, deadline);
            if (datagram == null) {
                DEADLINES_MISSED.incrementAndGet();
                throw new NetlinkTimeoutException(op, timeout);
            }
            if (handle(op, datagram, firstSeq, count, handler)) {
                return;
            }
        }
    }

    /**
     * Like {@link #receiveUntil} without waiting: hands over what is queued already and returns
     * when the queue is empty or the handler reports the exchange complete.
     */
    public void receiveQueued(String op, int firstSeq, int count, Handler handler) throws IOException {
        for (byte[] d = receive(op, System.nanoTime()); d != null; d = receive(op, System.nanoTime())) {
            if (handle(op, d, firstSeq, count, handler)) {
                return;
            }
        }
    }

    private byte[] receive(String op, long deadline) throws IOException {
        try {
            return socket.receive(deadline);
        } catch (NetlinkException e) {
            // Name the call that lost its replies (e.g. ENOBUFS), not the recv() under it.
            throw new NetlinkException(op, e.errno(), e.extAck(), e.seq());
        }
    }

    private boolean handle(String op, byte[] datagram, int firstSeq, int count, Handler handler) throws IOException {
        List<NetlinkMessage> messages = NetlinkMessage.decodeAll(ByteBuffer.wrap(datagram));
        int ourPort = socket.portId();
        for (NetlinkMessage m : messages) {
            if (m.pid() != 0 && ourPort != 0 && m.pid() != ourPort) {
                throw new NetlinkProtocolException(op + ": reply addressed to port " + Integer.toUnsignedString(m.pid())
                        + ", ours is " + Integer.toUnsignedString(ourPort));
            }
        }
        for (NetlinkMessage m : messages) {
            int index = m.seq() - firstSeq;
            if (index < 0 || index >= count) {
                continue; // a late reply to an earlier request
            }
            ErrorReply error = m.type() == Netlink.NLMSG_ERROR ? ErrorReply.parse(m) : null;
            if (handler.reply(index, m, error)) {
                return true;
            }
        }
        return false;
    }
}
