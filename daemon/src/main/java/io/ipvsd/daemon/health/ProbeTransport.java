package io.ipvsd.daemon.health;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Non-blocking byte stream of an HTTP probe, plain or TLS. When a call cannot make progress it says so
 * and {@link #waitingFor()} tells which selector operations to wait for before calling again.
 */
interface ProbeTransport {
    /** Completes the handshake as far as possible; true once done. */
    boolean handshake() throws IOException;

    /** Sends as much of {@code src} as possible; true once all of it is on the wire. */
    boolean write(ByteBuffer src) throws IOException;

    /** Reads into {@code dst}: bytes read, 0 if none are available now, -1 at end of stream. */
    int read(ByteBuffer dst) throws IOException;

    int waitingFor();
}
