package io.ipvsd.daemon.health;

/**
 * Connect to the real server within the policy's timeout.
 *
 * @param to where to connect and from where
 */
public record TcpCheck(CheckAddress to) implements CheckSpec {
    /** To {@code connectPort} of the real server, or its own port when 0. */
    public TcpCheck(int connectPort) {
        this(CheckAddress.port(connectPort));
    }

    public int connectPort() {
        return to.connectPort();
    }
}
