package io.ipvsd.daemon.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The [metrics] table: the HTTP listener serving /metrics (Prometheus text format) and /healthz.
 *
 * @param enabled whether ipvsd listens at all (off unless the file says so)
 * @param address where to listen; loopback unless the file names another address
 * @param port    TCP port to listen on
 */
public record MetricsSettings(boolean enabled, InetAddress address, int port) {
    public static final int DEFAULT_PORT = 9410;
    public static final MetricsSettings OFF = new MetricsSettings(false, InetAddress.getLoopbackAddress(), DEFAULT_PORT);

    public InetSocketAddress listen() {
        return new InetSocketAddress(address, port);
    }
}
