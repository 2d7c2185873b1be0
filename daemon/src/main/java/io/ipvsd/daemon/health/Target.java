package io.ipvsd.daemon.health;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What is monitored for one {@link TargetKey}.
 *
 * @param address real server address
 * @param port    real server port (checks connect here unless the check names its own port)
 * @param weight  configured IPVS weight
 * @param policy  how the real server is checked
 */
public record Target(InetAddress address, int port, int weight, CheckPolicy policy) {
    public Target {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(policy, "policy");
    }

    /** The port checks connect to: the check's own connect port, else the real server's. */
    int checkPort(int connectPort) {
        return connectPort > 0 ? connectPort : port;
    }
}
