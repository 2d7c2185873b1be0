package io.ipvsd.daemon.config;

/** IPVS forwarding method of a real server (ipvsadm -g, -m, -i). */
public enum Method {
    /** Direct routing: the frame is sent to the real server's MAC; the packet is unchanged. */
    DR,
    /** Masquerading: the destination address and port are rewritten. */
    NAT,
    /** Tunnelling: the packet is encapsulated (see {@link TunnelConfig}). */
    TUN
}
