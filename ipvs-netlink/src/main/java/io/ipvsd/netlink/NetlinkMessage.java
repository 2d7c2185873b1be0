package io.ipvsd.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One netlink message: the 16-byte nlmsghdr and its payload (family header plus attributes).
 * Header fields are kept as unsigned ints; the payload is owned by the message (copied in, copied
 * out), so a message is immutable.
 */
public final class NetlinkMessage {
    private final int type;
    private final int flags;
    private final int seq;
    private final int pid;
    private final byte[] payload;

    public NetlinkMessage(int type, int flags, int seq, int pid, byte[] payload) {
        this(payload.clone(), type, flags, seq, pid);
    }

    /** Takes {@code adopted} as it is: an array nobody else holds (a dump decodes 100,000 messages). */
    private NetlinkMessage(byte[] adopted, int type, int flags, int seq, int pid) {
        this.type = type;
        this.flags = flags;
        this.seq = seq;
        this.pid = pid;
        this.payload = adopted;
    }

    public static NetlinkMessage request(int type, int flags, byte[] payload) {
        return new NetlinkMessage(type, flags, 0, 0, payload);
    }

    public NetlinkMessage withSeq(int newSeq) {
        return new NetlinkMessage(payload, type, flags, newSeq, pid);
    }

    public NetlinkMessage withFlags(int newFlags) {
        return new NetlinkMessage(payload, type, newFlags, seq, pid);
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public int seq() {
        return seq;
    }

    public int pid() {
        return pid;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    /** The payload's byte at {@code index}, unsigned: a family header's field, read without a buffer. */
    public int payloadU8(int index) {
        return Byte.toUnsignedInt(payload[index]);
    }

    /** The payload as a read-only host-order buffer, without copying. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    public int encodedLength() {
        return Netlink.align(Netlink.HEADER_LENGTH + payload.length);
    }

    /** Appends the message, padded to 4 bytes, at the buffer's position. */
    public void encodeTo(ByteBuffer out) {
        ByteBuffer b = out.order(ByteOrder.nativeOrder());
        int start = b.position();
        b.putInt(Netlink.HEADER_LENGTH + payload.length);
        b.putShort((short) type);
        b.putShort((short) flags);
        b.putInt(seq);
        b.putInt(pid);
        b.put(payload);
        while (b.position() - start < encodedLength()) {
            b.put((byte) 0);
        }
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(encodedLength());
        encodeTo(b);
        return b.array();
    }

    /** Encodes several messages back to back, the way one sendmsg carries a batch. */
    public static byte[] encodeAll(List<NetlinkMessage> messages) {
        int total = messages.stream().mapToInt(NetlinkMessage::encodedLength).sum();
        ByteBuffer b = ByteBuffer.allocate(total);
        messages.forEach(m -> m.encodeTo(b));
        return b.array();
    }

    /**
     * Splits one received datagram into messages. A length field that is too small or runs past the
     * datagram is a protocol error: a reply we cannot frame cannot be trusted at all.
     */
    public static List<NetlinkMessage> decodeAll(ByteBuffer datagram) throws NetlinkProtocolException {
        ByteBuffer b = datagram.duplicate().order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        while (b.remaining() >= Netlink.HEADER_LENGTH) {
            int start = b.position();
            int len = b.getInt();
            if (len < Netlink.HEADER_LENGTH || len > b.remaining() + 4) {
                throw new NetlinkProtocolException("message length " + Integer.toUnsignedString(len)
                        + " at offset " + start + " does not fit a datagram of " + datagram.remaining() + " bytes");
            }
            int type = Short.toUnsignedInt(b.getShort());
            int flags = Short.toUnsignedInt(b.getShort());
            int seq = b.getInt();
            int pid = b.getInt();
            byte[] payload = new byte[len - Netlink.HEADER_LENGTH];
            b.get(payload);
            out.add(new NetlinkMessage(payload, type, flags, seq, pid));
            b.position(Math.min(b.limit(), start + Netlink.align(len)));
        }
        if (b.hasRemaining()) {
            throw new NetlinkProtocolException(b.remaining() + " trailing bytes after the last message");
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetlinkMessage m && m.type == type && m.flags == flags && m.seq == seq
                && m.pid == pid && Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * (31 * type + flags) + seq) + pid) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "NetlinkMessage[type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq=" + seq
                + ", pid=" + pid + ", payload=" + HexFormat.of().formatHex(payload) + "]";
    }
}
