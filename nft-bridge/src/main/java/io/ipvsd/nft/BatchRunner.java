package io.ipvsd.nft;

import io.ipvsd.netlink.ErrorReply;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkSocket;
import io.ipvsd.netlink.Receiver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs nf_tables batches: BEGIN (with the generation the plan was read at), one message per
 * operation, END, in one datagram, and maps the kernel's answers back to the operations by
 * sequence number.
 *
 * <p>Only the last operation asks for an ack. The kernel answers a batch after processing all of
 * it, in message order, so the errors of earlier operations arrive before that ack; one ack
 * instead of one per message keeps a batch of many thousand rules from overflowing the socket's
 * receive queue. When the kernel refuses the batch as a whole (a stale generation: ERESTART; no
 * CAP_NET_ADMIN: EPERM) it answers only the BEGIN message, which ends the wait too. (Hence not
 * {@code Connection.transact}, which would wait for the last ack until its deadline; the receive
 * loop itself is the shared {@link Receiver}.)
 */
final class BatchRunner {
    private static final String OP = "nf_tables batch";

    private final NetlinkSocket socket;
    private final Receiver receiver;
    private int nextSeq;

    BatchRunner(NetlinkSocket socket, Duration timeout) {
        this.socket = socket;
        this.receiver = new Receiver(socket, timeout);
        // Connection numbers from below 2^30: starting above it keeps the two apart on one socket.
        this.nextSeq = 0x40000000 | (int) (System.nanoTime() >>> 10) & 0x0fffffff;
    }

    /** Applies the operations atomically, or throws {@link NftBatchException} having applied none. */
    void run(List<Operation> operations, long generation) throws IOException {
        List<NetlinkMessage> sent = numbered(operations, generation);
        int first = sent.get(0).seq();
        socket.send(NetlinkMessage.encodeAll(sent));
        Answers answers = new Answers(sent.size());
        receiver.receiveUntil(OP, receiver.deadline(), first, sent.size(), answers::endsWait);
        ErrorReply refusedBatch = answers.refusedBatch;
        if (refusedBatch != null) {
            // The kernel answers within the send: whatever else it has to say is queued already.
            receiver.receiveQueued(OP, first, sent.size(), answers::record);
        }
        List<Integer> refused = answers.byIndex.entrySet().stream().filter(e -> e.getValue().errno() != 0).map(Map.Entry::getKey).toList();
        if (!refused.isEmpty()) {
            int index = refused.get(0);
            ErrorReply a = answers.byIndex.get(index);
            throw new NftBatchException(operations.get(index - 1).describe(), a.errno(), a.extAck(),
                    a.offset() < 0 ? null : AttributeLocation.describe(sent.get(index), a.offset()), refused.size() - 1, first + index);
        }
        if (refusedBatch != null) {
            String what = refusedBatch.errno() == Errno.ERESTART ? "batch (the ruleset changed since it was read)" : "batch";
            throw new NftBatchException(what, refusedBatch.errno(), refusedBatch.extAck(), null, 0, first);
        }
    }

    private List<NetlinkMessage> numbered(List<Operation> operations, long generation) {
        List<NetlinkMessage> out = new ArrayList<>(operations.size() + 2);
        out.add(NetlinkMessage.request(NfTables.NFNL_MSG_BATCH_BEGIN, 0, batchHeader(generation)));
        for (Operation op : operations) {
            out.add(op.message());
        }
        NetlinkMessage last = out.get(out.size() - 1);
        out.set(out.size() - 1, last.withFlags(last.flags() | Netlink.NLM_F_ACK));
        out.add(NetlinkMessage.request(NfTables.NFNL_MSG_BATCH_END, 0, NfTables.header(NfTables.NFPROTO_UNSPEC, NfTables.NFNL_SUBSYS_NFTABLES)));
        int first = nextSeq;
        nextSeq += out.size();
        List<NetlinkMessage> numbered = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            NetlinkMessage m = out.get(i);
            numbered.add(m.withFlags(m.flags() | Netlink.NLM_F_REQUEST).withSeq(first + i));
        }
        return numbered;
    }

    /** nfgenmsg with res_id NFNL_SUBSYS_NFTABLES, then NFNL_BATCH_GENID (big-endian u32). */
    private static byte[] batchHeader(long generation) {
        byte[] header = NfTables.header(NfTables.NFPROTO_UNSPEC, NfTables.NFNL_SUBSYS_NFTABLES);
        return new AttrWriter().header(header).be32(NfTables.NFNL_BATCH_GENID, generation).toBytes();
    }

    /** The kernel's answers to one batch's messages, by index in the batch. */
    private static final class Answers {
        final Map<Integer, ErrorReply> byIndex = new TreeMap<>();
        /** The refusal of the batch as a whole (an error answering BEGIN or END), if any. */
        ErrorReply refusedBatch;
        private final int count;

        Answers(int count) {
            this.count = count;
        }

        /** Records an answer; the wait ends with the last operation's ack or the batch's refusal. */
        boolean endsWait(int index, NetlinkMessage m, ErrorReply a) {
            record(index, m, a);
            return byIndex.containsKey(count - 2) || refusedBatch != null;
        }

        boolean record(int index, NetlinkMessage m, ErrorReply a) {
            if (a == null) {
                return false; // not an answer: only NLMSG_ERROR answers a batch
            }
            if (index == 0 || index == count - 1) {
                if (a.errno() != 0) {
                    refusedBatch = a;
                }
            } else {
                byIndex.putIfAbsent(index, a);
            }
            return false;
        }
    }
}
