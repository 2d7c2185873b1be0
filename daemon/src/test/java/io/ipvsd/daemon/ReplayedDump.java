package io.ipvsd.daemon;

import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.testkit.FakeIpvsKernel;
import io.ipvsd.netlink.Connection;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A socket that answers each request with the datagrams a fake kernel sent for the same request
 * of a recorded run, renumbered to the new request's sequence number: {@link PassBenchmark}
 * measures the client's receiving and decoding of a dump without the fake's encoding of it.
 * After the last recorded request it starts again from the first one after the family lookup,
 * so the recorded dump can be read any number of times, in the recorded order.
 */
final class ReplayedDump implements NetlinkSocket {
    /** Where nlmsghdr keeps nlmsg_seq, after its length, type and flags. */
    private static final int SEQ_OFFSET = 8;

    /** Per request: its sequence number and the reply datagrams. */
    private record Exchange(int requestSeq, List<byte[]> replies) {
    }

    private final FakeIpvsKernel recordFrom;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private boolean replaying;
    private int next;

    private ReplayedDump(FakeIpvsKernel recordFrom) {
        this.recordFrom = recordFrom;
    }

    /** A client whose replies are those {@code run} received from {@code kernel}, once recorded. */
    static IpvsClient record(FakeIpvsKernel kernel, ToIntFunction<IpvsClient> run) {
        ReplayedDump socket = new ReplayedDump(kernel);
        try {
            run.applyAsInt(IpvsClient.over(new Connection(socket, Duration.ofSeconds(30))));
            socket.replaying = true;
            return IpvsClient.over(new Connection(socket, Duration.ofSeconds(30)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int portId() {
        return recordFrom.portId();
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        int seq = ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder()).getInt(SEQ_OFFSET);
        if (!replaying) {
            recordFrom.send(datagram);
            List<byte[]> replies = new ArrayList<>();
            for (byte[] d = recordFrom.receive(0); d != null; d = recordFrom.receive(0)) {
                replies.add(d);
            }
            exchanges.add(new Exchange(seq, replies));
            queued.addAll(replies);
            return;
        }
        Exchange e = exchanges.get(next);
        next = next + 1 < exchanges.size() ? next + 1 : 1;
        for (byte[] reply : e.replies()) {
            queued.add(renumbered(reply, seq - e.requestSeq()));
        }
    }

    /** A copy, as the native socket's receive makes one, with every message's seq shifted. */
    private static byte[] renumbered(byte[] datagram, int shift) {
        byte[] copy = datagram.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
        for (int at = 0; at + Netlink.HEADER_LENGTH <= copy.length;
                at += Math.max(Netlink.HEADER_LENGTH, Netlink.align(b.getInt(at)))) {
            b.putInt(at + SEQ_OFFSET, b.getInt(at + SEQ_OFFSET) + shift);
        }
        return copy;
    }

    @Override
    public byte[] receive(long deadlineNanos) {
        return queued.poll();
    }

    @Override
    public void close() {
    }
}
