package io.ipvsd.ipvs;

/** How IPVS hands a packet to a real server (IP_VS_CONN_F_FWD_MASK values). */
public enum ForwardingMethod {
    MASQ(0, "Masq"),
    LOCAL(1, "Local"),
    TUNNEL(2, "Tunnel"),
    ROUTE(3, "Route");

    /** values() copies its array on every call, and every decoded reply looks one up. */
    private static final ForwardingMethod[] DECODABLE = values();

    private final int value;
    private final String ipvsadmName;

    ForwardingMethod(int value, String ipvsadmName) {
        this.value = value;
        this.ipvsadmName = ipvsadmName;
    }

    public int value() {
        return value;
    }

    /** The word ipvsadm -L prints in its Forward column. */
    public String ipvsadmName() {
        return ipvsadmName;
    }

    public static ForwardingMethod fromConnFlags(long connFlags) {
        int v = (int) (connFlags & 0x7);
        for (ForwardingMethod m : DECODABLE) {
            if (m.value == v) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown forwarding method " + v);
    }
}
