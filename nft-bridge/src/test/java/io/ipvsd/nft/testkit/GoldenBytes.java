package io.ipvsd.nft.testkit;

import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Golden-byte comparison of netlink messages: expected bytes written down from a reference tool
 * (nft under strace), compared message by message after a normalization that masks fields which
 * legitimately differ; a mismatch shows both as 4-bytes-per-line hexdumps side by side.
 */
public final class GoldenBytes {
    private GoldenBytes() {
    }

    /**
     * Messages written as hex, back to back as in a datagram (each starts with its length);
     * whitespace is ignored and a line's text after '#' is a comment.
     */
    public static List<NetlinkMessage> parse(String text) throws NetlinkProtocolException {
        StringBuilder hex = new StringBuilder();
        for (String line : text.split("\n")) {
            hex.append(line.replaceAll("#.*", "").replaceAll("\\s", ""));
        }
        return parse(HexFormat.of().parseHex(hex));
    }

    public static List<NetlinkMessage> parse(byte[] datagram) throws NetlinkProtocolException {
        return NetlinkMessage.decodeAll(ByteBuffer.wrap(datagram));
    }

    /** The message without its top-level attributes of the given types (after a family header). */
    public static NetlinkMessage withoutAttributes(NetlinkMessage m, int headerLength, Set<Integer> types) {
        ByteBuffer in = m.payloadBuffer().order(ByteOrder.nativeOrder());
        ByteBuffer out = ByteBuffer.allocate(in.remaining()).order(ByteOrder.nativeOrder());
        byte[] header = new byte[headerLength];
        in.get(0, header);
        out.put(header);
        for (int pos = headerLength; pos + Netlink.ATTR_HEADER_LENGTH <= in.limit(); ) {
            int len = Short.toUnsignedInt(in.getShort(pos));
            int type = in.getShort(pos + 2) & Netlink.NLA_TYPE_MASK;
            int span = Math.min(Netlink.align(len), in.limit() - pos);
            if (!types.contains(type)) {
                byte[] attr = new byte[span];
                in.get(pos, attr);
                out.put(attr);
            }
            pos += Math.max(span, Netlink.ATTR_HEADER_LENGTH);
        }
        byte[] payload = new byte[out.position()];
        out.get(0, payload);
        return new NetlinkMessage(m.type(), m.flags(), m.seq(), m.pid(), payload);
    }

    /** Fails unless both lists hold the same messages once normalized. */
    public static void assertSame(List<NetlinkMessage> expected, List<NetlinkMessage> actual, UnaryOperator<NetlinkMessage> normalize) {
        StringBuilder problems = new StringBuilder();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            if (i >= expected.size() || i >= actual.size()) {
                problems.append("message ").append(i).append(": expected ").append(expected.size())
                        .append(" messages, got ").append(actual.size()).append('\n');
                break;
            }
            byte[] e = normalize.apply(expected.get(i)).encode();
            byte[] a = normalize.apply(actual.get(i)).encode();
            if (!Arrays.equals(e, a)) {
                problems.append("message ").append(i).append(" (type 0x").append(Integer.toHexString(expected.get(i).type()))
                        .append(") differs; expected | actual:\n").append(sideBySide(e, a));
            }
        }
        if (problems.length() > 0) {
            throw new AssertionError(problems.toString());
        }
    }

    /** 4 bytes per line with offsets; differing lines marked with '!'. */
    public static String sideBySide(byte[] expected, byte[] actual) {
        StringBuilder sb = new StringBuilder();
        for (int off = 0; off < Math.max(expected.length, actual.length); off += 4) {
            String e = word(expected, off);
            String a = word(actual, off);
            sb.append(String.format("%04x  %-11s %s %s%n", off, e, e.equals(a) ? "|" : "!", a));
        }
        return sb.toString();
    }

    private static String word(byte[] b, int off) {
        StringBuilder sb = new StringBuilder();
        for (int i = off; i < Math.min(off + 4, b.length); i++) {
            sb.append(i > off ? " " : "").append(String.format("%02x", b[i]));
        }
        return sb.toString();
    }
}
