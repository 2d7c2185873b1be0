package io.ipvsd.netlink;

import static io.ipvsd.netlink.ScriptedSocket.ack;
import static io.ipvsd.netlink.ScriptedSocket.datagram;
import static io.ipvsd.netlink.ScriptedSocket.done;
import static io.ipvsd.netlink.ScriptedSocket.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionTest {
    private static final NetlinkMessage REQUEST = NetlinkMessage.request(32, 0, new byte[] {1, 1, 0, 0});

    private static Connection connection(ScriptedSocket s) {
        return new Connection(s, Duration.ofMillis(50));
    }

    @Test
    void executeReturnsDataBeforeTheAckAndSetsRequestAndAckFlags() throws Exception {
        ScriptedSocket s = new ScriptedSocket(sent -> {
            NetlinkMessage r = sent.get(0);
            return List.of(datagram(reply(r, 32, 0, new byte[] {9, 9, 9, 9}), ack(r, 0, null)));
        });
        List<NetlinkMessage> replies = connection(s).execute("get", REQUEST);
        assertEquals(1, replies.size());
        assertEquals(9, replies.get(0).payload()[0]);
        int flags = s.sent().get(0).get(0).flags();
        assertEquals(Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, flags);
    }

    @Test
    void repliesToAnEarlierSequenceNumberAreSkipped() throws Exception {
        ScriptedSocket s = new ScriptedSocket(sent -> {
            NetlinkMessage r = sent.get(0);
            NetlinkMessage stale = r.withSeq(r.seq() - 1);
            return List.of(datagram(ack(stale, Errno.EEXIST, "old")), datagram(ack(r, 0, null)));
        });
        assertEquals(List.of(), connection(s).execute("add", REQUEST));
    }

    @Test
    void anErrorCarriesOpErrnoAndTheKernelsText() {
        ScriptedSocket s = new ScriptedSocket(sent -> List.of(datagram(ack(sent.get(0), Errno.EEXIST, "Service exists"))));
        NetlinkException e = assertThrows(NetlinkException.class, () -> connection(s).execute("add service TCP 1.2.3.4:80", REQUEST));
        assertEquals(Errno.EEXIST, e.errno());
        assertEquals("Service exists", e.extAck());
        assertEquals("add service TCP 1.2.3.4:80: EEXIST (File exists): Service exists", e.getMessage());
    }

    @Test
    void noAnswerEndsAtTheDeadline() {
        ScriptedSocket s = new ScriptedSocket(sent -> List.of());
        NetlinkTimeoutException e = assertThrows(NetlinkTimeoutException.class, () -> connection(s).execute("get", REQUEST));
        assertEquals("get: no reply from the kernel within 50 ms", e.getMessage());
    }

    @Test
    void aReplyForAnotherPortIsRejected() {
        ScriptedSocket s = new ScriptedSocket(sent -> {
            NetlinkMessage a = ack(sent.get(0), 0, null);
            return List.of(datagram(new NetlinkMessage(a.type(), a.flags(), a.seq(), 999, a.payload())));
        });
        assertThrows(NetlinkProtocolException.class, () -> connection(s).execute("get", REQUEST));
    }

    @Test
    void dumpCollectsEveryPartAcrossDatagramsUntilDone() throws Exception {
        ScriptedSocket s = new ScriptedSocket(sent -> {
            NetlinkMessage r = sent.get(0);
            return List.of(
                    datagram(reply(r, 32, Netlink.NLM_F_MULTI, new byte[4]), reply(r, 32, Netlink.NLM_F_MULTI, new byte[4])),
                    datagram(reply(r, 32, Netlink.NLM_F_MULTI, new byte[4]), done(r, 0)));
        });
        assertEquals(3, connection(s).dump("dump", REQUEST).size());
        assertEquals(Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, s.sent().get(0).get(0).flags());
    }

    @Test
    void anInterruptedDumpIsRetried() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        ScriptedSocket s = new ScriptedSocket(sent -> {
            NetlinkMessage r = sent.get(0);
            int flags = Netlink.NLM_F_MULTI | (attempts.getAndIncrement() == 0 ? Netlink.NLM_F_DUMP_INTR : 0);
            return List.of(datagram(reply(r, 32, flags, new byte[4]), done(r, 0)));
        });
        assertEquals(1, connection(s).dump("dump", REQUEST).size());
        assertEquals(2, attempts.get());
    }

    @Test
    void aDumpThatKeepsChangingFailsWithEintr() {
        ScriptedSocket s = new ScriptedSocket(sent -> List.of(
                datagram(reply(sent.get(0), 32, Netlink.NLM_F_MULTI | Netlink.NLM_F_DUMP_INTR, new byte[4]), done(sent.get(0), 0))));
        NetlinkException e = assertThrows(NetlinkException.class, () -> connection(s).dump("dump", REQUEST));
        assertEquals(Errno.EINTR, e.errno());
        assertEquals(3, s.sent().size());
    }

    @Test
    void anErrorInDoneFailsTheDump() {
        ScriptedSocket s = new ScriptedSocket(sent -> List.of(datagram(done(sent.get(0), Errno.ENOMEM))));
        assertEquals(Errno.ENOMEM, assertThrows(NetlinkException.class, () -> connection(s).dump("dump", REQUEST)).errno());
    }

    @Test
    void aPositiveCodeInDoneIsAProtocolError() {
        ScriptedSocket s = new ScriptedSocket(sent -> List.of(datagram(done(sent.get(0), -5))));
        assertThrows(NetlinkProtocolException.class, () -> connection(s).dump("dump", REQUEST));
    }

    @Test
    void transactSendsOneDatagramAndMapsEachAckToItsMessage() throws Exception {
        ScriptedSocket s = new ScriptedSocket(sent -> {
            List<byte[]> out = new ArrayList<>();
            // Answer out of order, the third one with an error.
            out.add(datagram(ack(sent.get(2), Errno.ENOENT, "no such destination")));
            out.add(datagram(ack(sent.get(0), 0, null), ack(sent.get(1), 0, null)));
            return out;
        });
        List<NetlinkMessage> ops = List.of(REQUEST.withFlags(Netlink.NLM_F_ACK), REQUEST.withFlags(Netlink.NLM_F_ACK),
                REQUEST.withFlags(Netlink.NLM_F_ACK));
        List<Ack> acks = connection(s).transact("apply", ops);
        assertEquals(1, s.sent().size());
        assertEquals(3, s.sent().get(0).size());
        assertEquals(List.of(new Ack(0, 0, null), new Ack(1, 0, null), new Ack(2, Errno.ENOENT, "no such destination")), acks);
        int seq0 = s.sent().get(0).get(0).seq();
        assertEquals(seq0 + 1, s.sent().get(0).get(1).seq());
    }

    @Test
    void transactTimesOutWhenAnAckIsMissing() {
        ScriptedSocket s = new ScriptedSocket(sent -> List.of(datagram(ack(sent.get(0), 0, null))));
        List<NetlinkMessage> ops = List.of(REQUEST.withFlags(Netlink.NLM_F_ACK), REQUEST.withFlags(Netlink.NLM_F_ACK));
        assertThrows(NetlinkTimeoutException.class, () -> connection(s).transact("apply", ops));
    }

    @Test
    void sequenceNumbersAdvancePastAPipelinedBatch() throws Exception {
        ScriptedSocket s = new ScriptedSocket(sent -> sent.stream().map(m -> datagram(ack(m, 0, null))).toList());
        Connection c = connection(s);
        c.transact("apply", List.of(REQUEST.withFlags(Netlink.NLM_F_ACK), REQUEST.withFlags(Netlink.NLM_F_ACK)));
        c.execute("next", REQUEST);
        int last = s.sent().get(0).get(1).seq();
        assertTrue(s.sent().get(1).get(0).seq() > last);
    }

    @Test
    void closeIsDelegatedAndSafeTwice() {
        ScriptedSocket s = new ScriptedSocket(sent -> List.of());
        Connection c = connection(s);
        c.close();
        c.close();
        assertEquals(2, s.closes());
    }
}
