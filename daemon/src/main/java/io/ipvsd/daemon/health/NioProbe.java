package io.ipvsd.daemon.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One non-blocking check over a TCP connection: connect (from {@code bind} when given), then whatever
 * the subclass does, all within the timeout.
 */
abstract class NioProbe extends LoopProbe {
    private final InetSocketAddress address;
    /** Source address, or null for the kernel's choice. */
    private final InetSocketAddress bind;
    protected SocketChannel channel;
    private boolean connecting;

    NioProbe(InetSocketAddress address, InetSocketAddress bind, Duration timeout) {
        super(timeout, "connect");
        this.address = address;
        this.bind = bind;
    }

    NioProbe(InetSocketAddress address, Duration timeout) {
        this(address, null, timeout);
    }

    /** The connection is up. */
    protected abstract void connected() throws IOException;

    /** The channel is ready for the operations last asked for with {@link #waitFor}. */
    protected abstract void ready() throws IOException;

    @Override
    protected final SelectableChannel open() throws IOException {
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        if (bind != null) {
            channel.bind(bind);
        }
        return channel;
    }

    @Override
    protected final void started() throws IOException {
        if (channel.connect(address)) {
            connected();
        } else {
            connecting = true;
            waitFor(SelectionKey.OP_CONNECT);
        }
    }

    @Override
    protected final void selected(int readyOps) throws IOException {
        if (connecting && (readyOps & SelectionKey.OP_CONNECT) != 0) {
            channel.finishConnect();
            connecting = false;
            // OP_CONNECT stays ready once connected: leaving it in the interest set would spin the loop.
            waitFor(0);
            connected();
        } else {
            ready();
        }
    }
}
