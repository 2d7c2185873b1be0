package io.ipvsd.packet;

import java.io.Closeable;
import java.io.IOException;

/**
 * An AF_PACKET socket that receives the Ethernet frames of one ethertype arriving on one
 * interface (ARP, to notice another node answering for a VIP this one holds). Frames this host
 * sends on that interface are not delivered: the kernel copies outgoing frames only to sockets
 * of every ethertype (ETH_P_ALL). Frames it sends from another interface on the same segment
 * arrive like anyone's, so callers still drop frames whose source MAC is their own. Receives and
 * {@link #close()} may come from different threads.
 */
public interface LinkLayerListener extends Closeable {

    /**
     * Waits for one frame until {@code deadlineNanos} ({@link System#nanoTime()} scale). The
     * interface going down does not end the wait: frames come again once it is up. Once the
     * interface is deleted nothing comes; a new one of the same name needs a new listener.
     *
     * @return the whole frame, Ethernet header included; only its first 2048 bytes when it was
     *         longer (an ARP frame is 42 to 60); null when the deadline passed first
     * @throws IOException when the listener is closed (also when another thread closes it during
     *                     the wait: the wait notices within 200 ms) or the kernel reports an error
     */
    byte[] receive(long deadlineNanos) throws IOException;

    /** Releases the socket; safe to call more than once and from any thread. */
    @Override
    void close();
}
