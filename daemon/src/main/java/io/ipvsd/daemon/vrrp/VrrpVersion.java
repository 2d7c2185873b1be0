package io.ipvsd.daemon.vrrp;

/** VRRP protocol version: 2 (RFC 3768, keepalived's default on the wire) or 3 (RFC 5798). */
public enum VrrpVersion {
    V2,
    V3;

    /** The number carried in the version nibble of the VRRP header. */
    public int wireNumber() {
        return this == V2 ? 2 : 3;
    }
}
