package io.ipvsd.daemon.config;

/** Inclusive port range; a single port has first == last. */
public record PortRange(int first, int last) {

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
