package io.ipvsd.packet;

import java.io.Closeable;
import java.io.IOException;

/** An AF_PACKET socket that sends whole Ethernet frames on one interface (gratuitous ARP). */
public interface LinkLayerSocket extends Closeable {

    /**
     * Sends one frame, Ethernet header included, exactly as given. Never blocks.
     *
     * @throws PacketSocketException when the kernel refuses the send (EAGAIN and ENOBUFS too)
     */
    void send(byte[] frame) throws IOException;

    /** Releases the socket; safe to call more than once and from any thread. */
    @Override
    void close();
}
