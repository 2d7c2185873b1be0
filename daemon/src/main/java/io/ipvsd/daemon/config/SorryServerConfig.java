package io.ipvsd.daemon.config;

import java.net.InetAddress;

/**
 * The real server that takes a service's traffic when its own real servers cannot
 * (keepalived's sorry_server). Its weight is 1 and it is not health checked. It may also be one
 * of the service's real servers.
 *
 * @param tunnel non-null exactly when method is TUN
 */
public record SorryServerConfig(InetAddress address, int port, Method method, TunnelConfig tunnel,
                                SourcePos pos) {
}
