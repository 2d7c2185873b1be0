package io.ipvsd.netlink;

import java.io.Closeable;
import java.io.IOException;

/**
 * The seam between the protocol and the kernel: datagrams in, datagrams out. The real one is a
 * raw AF_NETLINK socket; tests plug in fakes that answer like the kernel.
 */
public interface NetlinkSocket extends Closeable {

    /** The port id the kernel assigned at bind time (0 for fakes that do not care). */
    int portId();

    /** Sends one datagram (one or more encoded messages). */
    void send(byte[] datagram) throws IOException;

    /**
     * Receives one datagram, waiting at most until {@code deadlineNanos} ({@link System#nanoTime()}
     * scale).
     *
     * @return the datagram, or null when the deadline passed first
     */
    byte[] receive(long deadlineNanos) throws IOException;

    /** Releases the socket; safe to call more than once. */
    @Override
    void close();
}
