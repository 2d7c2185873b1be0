package io.ipvsd.daemon.config;

/**
 * Encapsulation of a TUN real server.
 *
 * @param port     UDP destination port of a GUE tunnel; 0 for IPIP and GRE
 * @param checksum always NONE for IPIP
 */
public record TunnelConfig(TunnelType type, int port, TunnelChecksum checksum) {
    public static final TunnelConfig IPIP = new TunnelConfig(TunnelType.IPIP, 0, TunnelChecksum.NONE);
}
