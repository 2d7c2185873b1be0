package io.ipvsd.packet;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One IP packet as received.
 *
 * @param source      the sender; IPv6 link-local addresses carry no scope id (the socket's
 *                    interface is their scope)
 * @param destination the address the packet was sent to (a multicast group or one of ours)
 * @param ttl         the IPv4 TTL or IPv6 hop limit it arrived with
 * @param payload     the bytes after the IP header (after any IPv6 extension headers)
 */
public record ReceivedPacket(InetAddress source, InetAddress destination, int ttl, byte[] payload) implements Received {

    public ReceivedPacket {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedPacket p && p.source.equals(source) && p.destination.equals(destination)
                && p.ttl == ttl && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, destination, ttl) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "ReceivedPacket[source=" + source.getHostAddress() + ", destination=" + destination.getHostAddress()
                + ", ttl=" + ttl + ", payload=" + HexFormat.of().formatHex(payload) + "]";
    }
}
