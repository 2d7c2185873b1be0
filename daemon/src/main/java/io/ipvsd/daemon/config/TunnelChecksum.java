package io.ipvsd.daemon.config;

/** Checksum option of a GUE or GRE tunnel (ipvsadm --tun-nocsum, --tun-csum, --tun-remcsum). */
public enum TunnelChecksum {
    NONE, CSUM, REMCSUM
}
