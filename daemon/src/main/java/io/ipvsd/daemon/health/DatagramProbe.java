package io.ipvsd.daemon.health;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;

/**
 * One non-blocking check over a connected UDP socket: send one datagram, then judge what comes back.
 * Connected, the socket gets the kernel's ICMP errors for its destination: a port unreachable makes the
 * next read fail with ECONNREFUSED ({@link java.net.PortUnreachableException}), as keepalived's
 * UDP_CHECK sees it with IP_RECVERR (layer4.c, udp_socket_error).
 */
abstract class DatagramProbe extends LoopProbe {
    private final InetSocketAddress address;
    /** Source address, or null for the kernel's choice. */
    private final InetSocketAddress bind;
    private DatagramChannel channel;
    private ByteBuffer request;

    DatagramProbe(InetSocketAddress address, InetSocketAddress bind, Duration timeout, String firstPhase) {
        super(timeout, firstPhase);
        this.address = address;
        this.bind = bind;
    }

    /** The datagram to send. */
    protected abstract byte[] request();

    /** Judges one datagram (the first bytes of {@code datagram}, which is only valid during the call); null: keep waiting. */
    protected abstract CheckResult received(byte[] datagram, int length);

    @Override
    protected final SelectableChannel open() throws IOException {
        channel = DatagramChannel.open(address.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        channel.configureBlocking(false);
        if (bind != null) {
            channel.bind(bind);
        }
        channel.connect(address);
        return channel;
    }

    @Override
    protected final void started() throws IOException {
        request = ByteBuffer.wrap(request());
        send();
    }

    @Override
    protected final void selected(int readyOps) throws IOException {
        if (request.hasRemaining()) {
            send();
            return;
        }
        while (true) {
            ByteBuffer buffer = loop.readBuffer();
            // receive, not read: it tells an empty datagram (a reply) from nothing queued (null).
            if (channel.receive(buffer) == null) {
                return;
            }
            CheckResult verdict = received(buffer.array(), buffer.position());
            if (verdict != null) {
                finish(verdict);
                return;
            }
        }
    }

    private void send() throws IOException {
        channel.write(request);
        if (request.hasRemaining()) {
            waitFor(SelectionKey.OP_WRITE);
        } else {
            phase("reply");
            waitFor(SelectionKey.OP_READ);
        }
    }
}
