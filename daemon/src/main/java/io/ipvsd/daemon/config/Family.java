package io.ipvsd.daemon.config;

/** Address family. Prints as ipvsadm does ("IPv4", "IPv6"). */
public enum Family {
    IPV4("IPv4"), IPV6("IPv6");

    private final String label;

    Family(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
