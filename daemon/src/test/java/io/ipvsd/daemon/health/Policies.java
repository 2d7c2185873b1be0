package io.ipvsd.daemon.health;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/** Short-hand for test policies and targets (loopback addresses only). */
final class Policies {
    private Policies() {
    }

    static CheckPolicy policy(CheckSpec spec, int intervalMs, int timeoutMs, int fall, int rise, int retryMs,
                              boolean initiallyUp) {
        return new CheckPolicy(spec, Duration.ofMillis(intervalMs), Duration.ofMillis(timeoutMs), fall, rise,
                Duration.ofMillis(retryMs), initiallyUp, Duration.ZERO);
    }

    static CheckPolicy tcp(int intervalMs, int timeoutMs, int fall, int rise) {
        return policy(new TcpCheck(0), intervalMs, timeoutMs, fall, rise, intervalMs, true);
    }

    static InetAddress loopback(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    static TargetKey key(String address, int port) {
        return new TargetKey("TCP 127.0.0.1:80", loopback(address), port);
    }

    static Target target(TargetKey key, int weight, CheckPolicy policy) {
        return new Target(key.address(), key.port(), weight, policy);
    }
}
