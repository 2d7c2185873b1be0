package io.ipvsd.packet;

/**
 * A datagram the socket delivered but that could not be read (e.g. a truncated IPv4 header). It is
 * a value, not an exception, so a receive loop counts it and goes on.
 */
public record MalformedPacket(String reason) implements Received {
}
