package io.ipvsd.daemon.health;

import java.nio.charset.StandardCharsets;

/**
 * ICMP echo request and reply (RFC 792; ICMPv6, RFC 4443 section 4) for ping checks. Pure: no I/O.
 * IPv6 requests go out with a zero checksum: the kernel fills it in on ICMPv6 raw sockets.
 */
final class IcmpEcho {
    static final int ICMP_PROTOCOL = 1;
    static final int ICMPV6_PROTOCOL = 58;
    private static final int ECHO_REQUEST_V4 = 8;
    private static final int ECHO_REPLY_V4 = 0;
    private static final int ECHO_REQUEST_V6 = 128;
    private static final int ECHO_REPLY_V6 = 129;
    private static final int HEADER_BYTES = 8;
    /** Makes our packets recognisable in a capture. */
    private static final byte[] DATA = "ipvsd health check".getBytes(StandardCharsets.US_ASCII);

    /** The identifier and sequence number of an echo reply. */
    record Reply(int identifier, int sequence) {
    }

    private IcmpEcho() {
    }

    static byte[] request(boolean ipv6, int identifier, int sequence) {
        byte[] message = new byte[HEADER_BYTES + DATA.length];
        message[0] = (byte) (ipv6 ? ECHO_REQUEST_V6 : ECHO_REQUEST_V4);
        message[4] = (byte) (identifier >>> 8);
        message[5] = (byte) identifier;
        message[6] = (byte) (sequence >>> 8);
        message[7] = (byte) sequence;
        System.arraycopy(DATA, 0, message, HEADER_BYTES, DATA.length);
        if (!ipv6) {
            int sum = checksum(message);
            message[2] = (byte) (sum >>> 8);
            message[3] = (byte) sum;
        }
        return message;
    }

    /** The reply in an ICMP message, or null if it is something else (an echo request, an error...). */
    static Reply reply(boolean ipv6, byte[] message) {
        if (message.length < HEADER_BYTES || (message[0] & 0xff) != (ipv6 ? ECHO_REPLY_V6 : ECHO_REPLY_V4)
                || message[1] != 0) {
            return null;
        }
        // IPv4 has no kernel check of the ICMP checksum on raw sockets: a damaged reply is no reply.
        if (!ipv6 && checksum(message) != 0) {
            return null;
        }
        return new Reply(readShort(message, 4), readShort(message, 6));
    }

    /** The Internet checksum (RFC 1071) of {@code data}. */
    static int checksum(byte[] data) {
        long sum = 0;
        for (int i = 0; i + 1 < data.length; i += 2) {
            sum += readShort(data, i);
        }
        if ((data.length & 1) != 0) {
            sum += (data[data.length - 1] & 0xff) << 8;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }


    private static int readShort(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) << 8 | bytes[offset + 1] & 0xff;
    }
}
