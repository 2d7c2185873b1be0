package io.ipvsd.daemon.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The [metrics] table: the HTTP listener serving /metrics (Prometheus text format) and /healthz.
 *
 * @param enabled whether ipvsd listens at all (off unless the file says so)
 * @param address where to listen; loopback unless the file names another address
 * @param port    TCP port to listen on
 * @param maxRealServers the most real servers the kernel's table may hold for /metrics to carry a
 *                       series set per real server; above it only services and the daemon have
 *                       series (at 10,000 x 10 those sets made a 130 MB scrape that did not fit
 *                       the daemon's heap)
 */
public record MetricsSettings(boolean enabled, InetAddress address, int port, int maxRealServers) {
    public static final int DEFAULT_PORT = 9410;
    public static final int DEFAULT_MAX_REAL_SERVERS = 10_000;
    public static final MetricsSettings OFF = new MetricsSettings(false, InetAddress.getLoopbackAddress(), DEFAULT_PORT,
            DEFAULT_MAX_REAL_SERVERS);

    public InetSocketAddress listen() {
        return new InetSocketAddress(address, port);
    }
}
