package io.ipvsd.nft;

/** An inclusive range of transport ports; a single port has first == last. */
public record PortRange(int first, int last) {
    public PortRange {
        if (first < 0 || last > 0xffff || first > last) {
            throw new IllegalArgumentException("bad port range " + first + "-" + last);
        }
    }

    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
