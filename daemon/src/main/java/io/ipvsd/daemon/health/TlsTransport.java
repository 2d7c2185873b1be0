package io.ipvsd.daemon.health;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking socket with an {@link SSLEngine}, on the NIO loop thread. The engine's
 * delegated tasks (certificate checks, key exchange) also run inline: they take about a millisecond
 * and handing them to another thread would cost more in coordination than it saves.
 */
final class TlsTransport implements ProbeTransport {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private enum Step { PROGRESS, NEED_INPUT, CLOSED }

    private final SocketChannel channel;
    private final SSLEngine engine;
    /** Bytes read from the socket and not yet unwrapped; kept ready for writing into. */
    private ByteBuffer netIn;
    /** Bytes wrapped and not yet written to the socket; kept ready for reading from. */
    private ByteBuffer netOut;
    /** Plaintext unwrapped and not yet handed out; kept ready for writing into. */
    private ByteBuffer appIn;
    private boolean inboundClosed;
    private int waitingFor = SelectionKey.OP_READ;

    TlsTransport(SocketChannel channel, SSLEngine engine) throws SSLException {
        this.channel = channel;
        this.engine = engine;
        int packetSize = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(packetSize);
        netOut = ByteBuffer.allocate(packetSize).flip();
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        engine.beginHandshake();
    }

    @Override
    public boolean handshake() throws IOException {
        while (true) {
            if (!flush()) {
                return false;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrap(EMPTY);
                case NEED_TASK -> runDelegatedTasks();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    Step step = unwrap();
                    if (step == Step.NEED_INPUT) {
                        return false;
                    }
                    if (step == Step.CLOSED) {
                        throw new SSLException("connection closed by the server");
                    }
                }
                default -> {
                    return true;
                }
            }
        }
    }

    @Override
    public boolean write(ByteBuffer src) throws IOException {
        while (flush()) {
            if (!src.hasRemaining()) {
                return true;
            }
            wrap(src);
        }
        return false;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        while (appIn.position() == 0) {
            if (inboundClosed) {
                return -1;
            }
            if (!flush()) {
                return 0;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runDelegatedTasks();
                // Post-handshake messages (TLS 1.3 key update) may need an answer.
                case NEED_WRAP -> wrap(EMPTY);
                default -> {
                    Step step = unwrap();
                    if (step == Step.NEED_INPUT) {
                        return 0;
                    }
                    inboundClosed = step == Step.CLOSED;
                }
            }
        }
        appIn.flip();
        int count = Math.min(appIn.remaining(), dst.remaining());
        int limit = appIn.limit();
        appIn.limit(appIn.position() + count);
        dst.put(appIn);
        appIn.limit(limit);
        appIn.compact();
        return count;
    }

    @Override
    public int waitingFor() {
        return waitingFor;
    }

    private Step unwrap() throws IOException {
        SSLEngineResult result;
        netIn.flip();
        try {
            result = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        switch (result.getStatus()) {
            case OK -> {
                return result.bytesConsumed() > 0 || result.bytesProduced() > 0 ? Step.PROGRESS : readSocket();
            }
            case BUFFER_UNDERFLOW -> {
                netIn = ensureRoom(netIn, engine.getSession().getPacketBufferSize());
                return readSocket();
            }
            case BUFFER_OVERFLOW -> {
                appIn = ensureRoom(appIn, engine.getSession().getApplicationBufferSize());
                return Step.PROGRESS;
            }
            default -> {
                return Step.CLOSED;
            }
        }
    }

    private Step readSocket() throws IOException {
        int count = channel.read(netIn);
        if (count < 0) {
            return Step.CLOSED;
        }
        if (count == 0) {
            waitingFor = SelectionKey.OP_READ;
            return Step.NEED_INPUT;
        }
        return Step.PROGRESS;
    }

    /** Wraps into {@code netOut}; only called once {@code netOut} was flushed, so it is empty. */
    private void wrap(ByteBuffer src) throws SSLException {
        netOut.clear();
        SSLEngineResult result;
        try {
            result = engine.wrap(src, netOut);
        } finally {
            netOut.flip();
        }
        switch (result.getStatus()) {
            case BUFFER_OVERFLOW -> netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize()).flip();
            case CLOSED -> throw new SSLException("TLS engine closed");
            default -> {
            }
        }
    }

    private boolean flush() throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                waitingFor = SelectionKey.OP_WRITE;
                return false;
            }
        }
        return true;
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** {@code buffer} (in write mode) with at least {@code room} free bytes, keeping its content. */
    private static ByteBuffer ensureRoom(ByteBuffer buffer, int room) {
        if (buffer.remaining() >= room) {
            return buffer;
        }
        return ByteBuffer.allocate(buffer.position() + room).put(buffer.flip());
    }
}
