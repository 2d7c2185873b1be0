package io.ipvsd.ipvs.testkit;

import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Compares netlink requests with bytes captured from a reference tool (strace of ipvsadm, nft).
 * Failures print both sides as a hexdump of 4 bytes per line, lines that differ marked with '!',
 * so a wrong attribute shows as one or two marked lines.
 */
public final class GoldenBytes {
    private GoldenBytes() {
    }

    /** Hex digits, whitespace ignored: "68000000 20000500". */
    public static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    /**
     * Zeroes nlmsg_seq and nlmsg_pid of every message of a datagram: a run's sequence numbers
     * and port ids are its own, everything else must match.
     */
    public static byte[] maskSeqAndPid(byte[] datagram) {
        byte[] out = datagram.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder());
        int at = 0;
        while (at + Netlink.HEADER_LENGTH <= out.length) {
            int len = b.getInt(at);
            Arrays.fill(out, at + 8, at + 16, (byte) 0);
            if (len < Netlink.HEADER_LENGTH) {
                break;
            }
            at += Netlink.align(len);
        }
        return out;
    }

    /**
     * The one message of {@code datagram} with some attributes left out of its top-level nested
     * attribute {@code outerType} (lengths fixed): for a documented, legitimate difference, e.g. a
     * delete that carries only the identity where the reference tool sends settings too.
     */
    public static byte[] withoutNested(byte[] datagram, int outerType, Set<Integer> innerTypes) {
        NetlinkMessage m = single(datagram);
        byte[] p = m.payload();
        ByteBuffer out = ByteBuffer.allocate(p.length).order(ByteOrder.nativeOrder());
        out.put(p, 0, 4); // the genetlink header
        for (int[] a : attributes(p, 4, p.length)) {
            int start = a[0];
            int len = a[1];
            int type = a[2] & Netlink.NLA_TYPE_MASK;
            if (type != outerType) {
                out.put(p, start, Netlink.align(len));
                continue;
            }
            int headerAt = out.position();
            out.putInt(0); // patched below
            for (int[] inner : attributes(p, start + 4, start + len)) {
                if (!innerTypes.contains(inner[2] & Netlink.NLA_TYPE_MASK)) {
                    out.put(p, inner[0], Netlink.align(inner[1]));
                }
            }
            out.putShort(headerAt, (short) (out.position() - headerAt)).putShort(headerAt + 2, (short) a[2]);
        }
        return new NetlinkMessage(m.type(), m.flags(), m.seq(), m.pid(), Arrays.copyOf(out.array(), out.position())).encode();
    }

    /** The one message of {@code datagram} with other nlmsg_flags. */
    public static byte[] withFlags(byte[] datagram, int flags) {
        return single(datagram).withFlags(flags).encode();
    }

    /** Asserts the two datagrams are equal once seq and pid are masked; else a readable diff. */
    public static void assertSameRequest(String what, byte[] expected, byte[] actual) {
        byte[] e = maskSeqAndPid(expected);
        byte[] a = maskSeqAndPid(actual);
        if (!Arrays.equals(e, a)) {
            throw new AssertionError(what + ": bytes differ (expected | actual, '!' marks a difference)\n" + diff(e, a));
        }
    }

    /** Side-by-side hexdump, 4 bytes per line. */
    public static String diff(byte[] expected, byte[] actual) {
        StringBuilder sb = new StringBuilder();
        for (int at = 0; at < Math.max(expected.length, actual.length); at += 4) {
            String e = word(expected, at);
            String a = word(actual, at);
            sb.append(e.equals(a) ? "  " : "! ").append(String.format("%04x  %-11s | %s%n", at, e, a));
        }
        return sb.toString();
    }

    /** One datagram as a 4-bytes-per-line hexdump. */
    public static String hexdump(byte[] datagram) {
        StringBuilder sb = new StringBuilder();
        for (int at = 0; at < datagram.length; at += 4) {
            sb.append(String.format("%04x  %s%n", at, word(datagram, at)));
        }
        return sb.toString();
    }

    private static String word(byte[] b, int at) {
        if (at >= b.length) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = at; i < Math.min(b.length, at + 4); i++) {
            sb.append(i > at ? " " : "").append(String.format("%02x", b[i]));
        }
        return sb.toString();
    }

    private static NetlinkMessage single(byte[] datagram) {
        try {
            List<NetlinkMessage> ms = NetlinkMessage.decodeAll(ByteBuffer.wrap(datagram));
            if (ms.size() != 1) {
                throw new IllegalArgumentException("expected one message, got " + ms.size());
            }
            return ms.get(0);
        } catch (NetlinkProtocolException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {start, length, raw type} of each attribute between from and to. */
    private static List<int[]> attributes(byte[] p, int from, int to) {
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.nativeOrder());
        List<int[]> out = new ArrayList<>();
        for (int at = from; at + 4 <= to; ) {
            int len = Short.toUnsignedInt(b.getShort(at));
            out.add(new int[] {at, len, Short.toUnsignedInt(b.getShort(at + 2))});
            at += Netlink.align(Math.max(len, 4));
        }
        return out;
    }
}
