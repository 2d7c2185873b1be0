package io.ipvsd.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One netlink message: the 16-byte nlmsghdr and its payload (family header plus attributes).
 * Header fields are kept as unsigned ints. The payload is immutable: a request copies it in, a
 * copy goes out, and a received message reads it in place in its datagram, whose messages share
 * one read-only view (a dump receives a message per real server, 100,000 per pass at scale).
 */
public final class NetlinkMessage {
    private final int type;
    private final int flags;
    private final int seq;
    private final int pid;
    /** Read-only, host order; the payload is [{@link #offset}, offset + {@link #length}). */
    private final ByteBuffer view;
    private final int offset;
    private final int length;

    public NetlinkMessage(int type, int flags, int seq, int pid, byte[] payload) {
        this(ByteBuffer.wrap(payload.clone()).asReadOnlyBuffer().order(ByteOrder.nativeOrder()), 0, payload.length,
                type, flags, seq, pid);
    }

    private NetlinkMessage(ByteBuffer view, int offset, int length, int type, int flags, int seq, int pid) {
        this.type = type;
        this.flags = flags;
        this.seq = seq;
        this.pid = pid;
        this.view = view;
        this.offset = offset;
        this.length = length;
    }

    public static NetlinkMessage request(int type, int flags, byte[] payload) {
        return new NetlinkMessage(type, flags, 0, 0, payload);
    }

    public NetlinkMessage withSeq(int newSeq) {
        return new NetlinkMessage(view, offset, length, type, flags, newSeq, pid);
    }

    public NetlinkMessage withFlags(int newFlags) {
        return new NetlinkMessage(view, offset, length, type, newFlags, seq, pid);
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
        byte[] copy = new byte[length];
        view.get(offset, copy);
        return copy;
    }

    public int payloadLength() {
        return length;
    }

    /** The payload's byte at {@code index}, unsigned: a family header's field, read without a buffer. */
    public int payloadU8(int index) {
        return Byte.toUnsignedInt(view.get(offset + Objects.checkIndex(index, length)));
    }

    /** The payload as a read-only host-order buffer from index 0, without copying. */
    public ByteBuffer payloadBuffer() {
        return view.slice(offset, length).order(ByteOrder.nativeOrder());
    }

    /** The attributes after a family header of {@code headerLength} bytes, read in place. */
    AttrReader attributesAfter(int headerLength) {
        return AttrReader.within(view, offset + headerLength, length - headerLength);
    }

    public int encodedLength() {
        return Netlink.align(Netlink.HEADER_LENGTH + length);
    }

    /** Appends the message, padded to 4 bytes, at the buffer's position. */
    public void encodeTo(ByteBuffer out) {
        ByteBuffer b = out.order(ByteOrder.nativeOrder());
        int start = b.position();
        b.putInt(Netlink.HEADER_LENGTH + length);
        b.putShort((short) type);
        b.putShort((short) flags);
        b.putInt(seq);
        b.putInt(pid);
        b.put(b.position(), view, offset, length).position(b.position() + length);
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
     * datagram is a protocol error: a reply we cannot frame cannot be trusted at all. The messages
     * read their payloads in place: the caller must not change the datagram's bytes afterwards.
     */
    public static List<NetlinkMessage> decodeAll(ByteBuffer datagram) throws NetlinkProtocolException {
        ByteBuffer b = datagram.duplicate().order(ByteOrder.nativeOrder());
        ByteBuffer view = b.asReadOnlyBuffer().order(ByteOrder.nativeOrder());
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
            out.add(new NetlinkMessage(view, b.position(), len - Netlink.HEADER_LENGTH, type, flags, seq, pid));
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
                && m.pid == pid && m.payloadBuffer().equals(payloadBuffer());
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * (31 * type + flags) + seq) + pid) + payloadBuffer().hashCode();
    }

    @Override
    public String toString() {
        return "NetlinkMessage[type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq=" + seq
                + ", pid=" + pid + ", payload=" + HexFormat.of().formatHex(payload()) + "]";
    }
}
