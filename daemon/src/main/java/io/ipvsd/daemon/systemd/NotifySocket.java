package io.ipvsd.daemon.systemd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * The service manager's notification socket ($NOTIFY_SOCKET): an AF_UNIX datagram socket, by
 * path or, with a leading '@', in the abstract namespace. jnr-unixsocket's datagram channel,
 * because the JDK's Unix-domain channels (JEP 380) are stream sockets only.
 */
final class NotifySocket implements SystemdNotifier.Sink, AutoCloseable {
    private final UnixDatagramChannel channel;
    private final UnixSocketAddress address;

    private NotifySocket(UnixDatagramChannel channel, UnixSocketAddress address) {
        this.channel = channel;
        this.address = address;
    }

    /**
     * @param notifySocket the variable's value: an absolute path, or '@' and an abstract name
     * @throws IllegalArgumentException for another form (systemd 254+ also knows vsock:, which a
     *                                  host unit never gets)
     */
    static NotifySocket open(String notifySocket) throws IOException {
        return new NotifySocket(UnixDatagramChannel.open(), address(notifySocket));
    }

    static UnixSocketAddress address(String notifySocket) {
        if (notifySocket.startsWith("@") && notifySocket.length() > 1) {
            // An abstract name is the bytes after a NUL, length-delimited (jnr passes 2 + length).
            return new UnixSocketAddress("\0" + notifySocket.substring(1));
        }
        if (notifySocket.startsWith("/")) {
            return new UnixSocketAddress(notifySocket);
        }
        throw new IllegalArgumentException("NOTIFY_SOCKET=" + notifySocket + " is neither an absolute path nor @abstract");
    }

    /** One datagram: systemd reads each as a whole, newline-separated assignments. */
    @Override
    public void send(String message) throws IOException {
        ByteBuffer datagram = ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8));
        int sent = channel.send(datagram, address);
        if (sent != datagram.capacity()) {
            throw new IOException("sent " + sent + " of " + datagram.capacity() + " bytes to " + address);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
