package io.ipvsd.packet;

/** What one receive on an {@link IpPacketSocket} produced: a packet, or the reason it was unusable. */
public sealed interface Received permits ReceivedPacket, MalformedPacket {
}
