package io.ipvsd.netlink;

import static io.ipvsd.netlink.ScriptedSocket.ack;
import static io.ipvsd.netlink.ScriptedSocket.datagram;
import static io.ipvsd.netlink.ScriptedSocket.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReceiverTest {
    private static final int FIRST = 1000;

    private static NetlinkMessage request(int seq) {
        return NetlinkMessage.request(32, 0, new byte[] {1, 1, 0, 0}).withSeq(seq);
    }

    /** A socket holding {@code replies} as queued datagrams. */
    private static ScriptedSocket queued(Function<List<NetlinkMessage>, List<byte[]>> replies) throws IOException {
        ScriptedSocket s = new ScriptedSocket(replies);
        s.send(datagram(request(FIRST), request(FIRST + 1)));
        return s;
    }

    private record Seen(int index, int type, Integer errno) {
    }

    private static Receiver.Handler recordInto(List<Seen> seen, int stopAtIndex) {
        return (index, m, err) -> {
            seen.add(new Seen(index, m.type(), err == null ? null : err.errno()));
            return index == stopAtIndex && err != null;
        };
    }

    @Test
    void handsOnlyThisExchangesRepliesWithErrorsParsedAndStopsWhenTheHandlerIsDone() throws Exception {
        ScriptedSocket s = queued(sent -> List.of(
                datagram(ack(request(FIRST - 1), 0, null), reply(sent.get(0), 40, 0, new byte[4])),
                datagram(ack(sent.get(0), Errno.ENOENT, "gone"), ack(request(FIRST + 2), 0, null)),
                datagram(ack(sent.get(1), 0, null), reply(sent.get(1), 41, 0, new byte[4])),
                datagram(reply(sent.get(1), 42, 0, new byte[4]))));
        List<Seen> seen = new ArrayList<>();
        new Receiver(s, Duration.ofMillis(50)).receiveUntil("op", System.nanoTime(), FIRST, 2, recordInto(seen, 1));
        // Seq FIRST-1 and FIRST+2 belong to other exchanges; the message after the completing ack is not read.
        assertEquals(List.of(new Seen(0, 40, null), new Seen(0, Netlink.NLMSG_ERROR, Errno.ENOENT), new Seen(1, Netlink.NLMSG_ERROR, 0)), seen);
    }

    @Test
    void theDeadlineEndsAWaitButNotAReadOfWhatIsQueued() throws Exception {
        Receiver r = new Receiver(queued(sent -> List.of(datagram(ack(sent.get(0), Errno.EPERM, null)))), Duration.ofMillis(50));
        List<Seen> queued = new ArrayList<>();
        r.receiveQueued("op", FIRST, 2, recordInto(queued, -1));
        assertEquals(List.of(new Seen(0, Netlink.NLMSG_ERROR, Errno.EPERM)), queued);
        NetlinkTimeoutException e = assertThrows(NetlinkTimeoutException.class,
                () -> r.receiveUntil("add rule", r.deadline(), FIRST, 2, recordInto(new ArrayList<>(), 1)));
        assertEquals("add rule: no reply from the kernel within 50 ms", e.getMessage());
    }

    @Test
    void aReplyForAnotherPortIsAProtocolError() throws Exception {
        ScriptedSocket s = queued(sent -> List.of(datagram(new NetlinkMessage(Netlink.NLMSG_ERROR, 0, FIRST, 99, new byte[20]))));
        NetlinkProtocolException e = assertThrows(NetlinkProtocolException.class,
                () -> new Receiver(s, Duration.ofMillis(50)).receiveUntil("get", System.nanoTime(), FIRST, 1, recordInto(new ArrayList<>(), 0)));
        assertEquals("get: reply addressed to port 99, ours is " + ScriptedSocket.PORT, e.getMessage());
    }

    @Test
    void aLostReplyNamesTheExchangeNotTheRecv() {
        NetlinkSocket overflowed = new NetlinkSocket() {
            public int portId() {
                return 0;
            }

            public void send(byte[] datagram) {
            }

            public byte[] receive(long deadlineNanos) throws NetlinkException {
                throw new NetlinkException("recv(netlink)", Errno.ENOBUFS, "socket receive queue overflowed: replies were lost", 0);
            }

            public void close() {
            }
        };
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> new Receiver(overflowed, Duration.ofMillis(50)).receiveQueued("nf_tables batch", FIRST, 3, recordInto(new ArrayList<>(), 0)));
        assertEquals("nf_tables batch: ENOBUFS (No buffer space available): socket receive queue overflowed: replies were lost", e.getMessage());
        assertEquals(Errno.ENOBUFS, e.errno());
    }
}
