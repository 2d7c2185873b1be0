package io.ipvsd.ipvs;

/** IP_VS_CONN_F_TUNNEL_TYPE_*: encapsulation for the tunnel forwarding method. */
public enum TunnelType {
    IPIP, GUE, GRE;

    public int value() {
        return ordinal();
    }

    public static TunnelType fromValue(int v) {
        if (v < 0 || v >= values().length) {
            throw new IllegalArgumentException("unknown tunnel type " + v);
        }
        return values()[v];
    }
}
