package io.ipvsd.daemon.config;

/** Encapsulation used by a TUN real server. */
public enum TunnelType {
    IPIP, GUE, GRE
}
