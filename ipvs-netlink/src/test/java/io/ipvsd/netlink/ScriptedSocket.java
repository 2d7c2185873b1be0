package io.ipvsd.netlink;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A socket whose replies a test scripts: each sent datagram is decoded and handed to the
 * responder, whose datagrams are queued for receive(). An empty queue is a timeout at once.
 */
public final class ScriptedSocket implements NetlinkSocket {
    public static final int PORT = 4242;

    private final Function<List<NetlinkMessage>, List<byte[]>> responder;
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private final List<List<NetlinkMessage>> sent = new ArrayList<>();
    private int closes;

    public ScriptedSocket(Function<List<NetlinkMessage>, List<byte[]>> responder) {
        this.responder = responder;
    }

    @Override
    public int portId() {
        return PORT;
    }

    @Override
    public void send(byte[] datagram) throws NetlinkProtocolException {
        List<NetlinkMessage> messages = NetlinkMessage.decodeAll(ByteBuffer.wrap(datagram));
        sent.add(messages);
        queue.addAll(responder.apply(messages));
    }

    @Override
    public byte[] receive(long deadlineNanos) {
        return queue.poll();
    }

    @Override
    public void close() {
        closes++;
    }

    public List<List<NetlinkMessage>> sent() {
        return sent;
    }

    public int closes() {
        return closes;
    }

    /** An ack (error 0) or error reply to {@code request}, as a kernel with CAP_ACK sends it. */
    public static NetlinkMessage ack(NetlinkMessage request, int errno, String extAck) {
        AttrWriter tlvs = new AttrWriter();
        if (extAck != null) {
            tlvs.string(Netlink.NLMSGERR_ATTR_MSG, extAck);
        }
        byte[] attrs = tlvs.toBytes();
        ByteBuffer b = ByteBuffer.allocate(4 + Netlink.HEADER_LENGTH + attrs.length).order(java.nio.ByteOrder.nativeOrder());
        b.putInt(-errno);
        b.putInt(Netlink.HEADER_LENGTH).putShort((short) request.type()).putShort((short) request.flags())
                .putInt(request.seq()).putInt(request.pid());
        b.put(attrs);
        int flags = Netlink.NLM_F_CAPPED | (extAck != null ? Netlink.NLM_F_ACK_TLVS : 0);
        return new NetlinkMessage(Netlink.NLMSG_ERROR, flags, request.seq(), PORT, b.array());
    }

    public static NetlinkMessage reply(NetlinkMessage request, int type, int flags, byte[] payload) {
        return new NetlinkMessage(type, flags, request.seq(), PORT, payload);
    }

    public static NetlinkMessage done(NetlinkMessage request, int status) {
        byte[] p = ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder()).putInt(-status).array();
        return new NetlinkMessage(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, request.seq(), PORT, p);
    }

    public static byte[] datagram(NetlinkMessage... messages) {
        return NetlinkMessage.encodeAll(List.of(messages));
    }
}
