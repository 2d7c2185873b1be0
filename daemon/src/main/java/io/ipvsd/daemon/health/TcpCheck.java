package io.ipvsd.daemon.health;

/**
 * Connect to the real server within the policy's timeout.
 *
 * @param connectPort port to connect to, or 0 to use the real server's own port
 */
public record TcpCheck(int connectPort) implements CheckSpec {
}
