package io.ipvsd.packet;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;

/**
 * A raw IP socket for one protocol on one interface; the kernel builds the IP header. Sends and
 * receives may come from different threads; {@link #close()} may come from any thread.
 */
public interface IpPacketSocket extends Closeable {

    /**
     * Sends {@code payload} as one IP packet to {@code destination}, which must be of the
     * socket's family. Never blocks: a full queue (EAGAIN, ENOBUFS) is an IOException like any
     * other refusal, for the caller to log and count.
     *
     * @throws PacketSocketException when the kernel refuses the send
     */
    void send(byte[] payload, InetAddress destination) throws IOException;

    /**
     * Waits for one packet until {@code deadlineNanos} ({@link System#nanoTime()} scale).
     *
     * @return the packet, a {@link MalformedPacket} for a datagram that could not be read, or
     *         null when the deadline passed first
     * @throws IOException when the socket is closed (also when another thread closes it during
     *                     the wait: the wait notices within 200 ms) or the kernel reports an error
     */
    Received receive(long deadlineNanos) throws IOException;

    /** Releases the socket; safe to call more than once and from any thread. */
    @Override
    void close();
}
