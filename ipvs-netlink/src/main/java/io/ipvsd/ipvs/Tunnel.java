package io.ipvsd.ipvs;

/**
 * Tunnel settings of a TUNNEL destination.
 *
 * @param type  encapsulation
 * @param port  UDP destination port for GUE, else 0
 * @param flags IP_VS_TUNNEL_ENCAP_FLAG_* (0 = no checksum, 1 = CSUM, 2 = REMCSUM)
 */
public record Tunnel(TunnelType type, int port, int flags) {
    public static final int FLAG_CSUM = 1;
    public static final int FLAG_REMCSUM = 2;
    public static final Tunnel IPIP = new Tunnel(TunnelType.IPIP, 0, 0);
}
