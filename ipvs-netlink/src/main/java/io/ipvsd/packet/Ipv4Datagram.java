package io.ipvsd.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Reads what a raw IPv4 socket delivers: the IPv4 header (RFC 791) followed by the payload. Any
 * datagram that does not hold a whole, consistent header becomes a {@link MalformedPacket}.
 */
public final class Ipv4Datagram {
    private static final int MIN_HEADER = 20;

    private Ipv4Datagram() {
    }

    /** Reads the first {@code length} bytes of {@code datagram}. */
    public static Received parse(byte[] datagram, int length) {
        if (length < MIN_HEADER) {
            return new MalformedPacket("IPv4 datagram of " + length + " bytes is shorter than a 20-byte header");
        }
        int version = (datagram[0] & 0xff) >>> 4;
        if (version != 4) {
            return new MalformedPacket("IP version " + version + " in a raw IPv4 socket");
        }
        int headerLength = (datagram[0] & 0x0f) * 4;
        if (headerLength < MIN_HEADER) {
            return new MalformedPacket("IPv4 header length " + headerLength + " is less than 20");
        }
        int totalLength = ((datagram[2] & 0xff) << 8) | (datagram[3] & 0xff);
        if (totalLength < headerLength || totalLength > length) {
            return new MalformedPacket("IPv4 total length " + totalLength + " does not fit a datagram of " + length
                    + " bytes with a " + headerLength + "-byte header");
        }
        int ttl = datagram[8] & 0xff;
        InetAddress source = address(datagram, 12);
        InetAddress destination = address(datagram, 16);
        return new ReceivedPacket(source, destination, ttl, Arrays.copyOfRange(datagram, headerLength, totalLength));
    }

    public static Received parse(byte[] datagram) {
        return parse(datagram, datagram.length);
    }

    private static InetAddress address(byte[] datagram, int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(datagram, offset, offset + 4));
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always an IPv4 address", e);
        }
    }
}
