package io.ipvsd.daemon.health;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** Plain TCP for HTTP probes. */
final class PlainTransport implements ProbeTransport {
    private final SocketChannel channel;
    private int waitingFor = SelectionKey.OP_READ;

    PlainTransport(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public boolean handshake() {
        return true;
    }

    @Override
    public boolean write(ByteBuffer src) throws IOException {
        channel.write(src);
        waitingFor = SelectionKey.OP_WRITE;
        return !src.hasRemaining();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        waitingFor = SelectionKey.OP_READ;
        return channel.read(dst);
    }

    @Override
    public int waitingFor() {
        return waitingFor;
    }
}
