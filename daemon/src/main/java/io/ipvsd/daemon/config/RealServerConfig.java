package io.ipvsd.daemon.config;

import io.ipvsd.daemon.health.CheckPolicy;

import java.net.InetAddress;

/**
 * One real server (IPVS destination) of a service.
 *
 * @param port           0 on a fwmark or all-ports service: the packet's own port is kept
 * @param weight         0..65535; 0 takes no new connections
 * @param upperThreshold connection limit, 0 = none
 * @param lowerThreshold connections below which an overloaded server takes new ones again
 * @param tunnel         non-null exactly when method is TUN
 * @param health         the service's health_check merged with this server's override;
 *                       {@link CheckPolicy#none()} when neither is configured
 */
public record RealServerConfig(InetAddress address, int port, Method method, int weight,
                               long upperThreshold, long lowerThreshold, TunnelConfig tunnel,
                               CheckPolicy health, SourcePos pos) {
}
