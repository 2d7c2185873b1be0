package io.ipvsd.ipvs;

public record FwmarkServiceKey(AddressFamily family, long fwmark) implements ServiceKey {
    public FwmarkServiceKey {
        if (fwmark <= 0 || fwmark > 0xffffffffL) {
            throw new IllegalArgumentException("fwmark " + fwmark + " is outside 1..4294967295");
        }
    }

    @Override
    public String toString() {
        return "FWM " + fwmark + " " + family.label();
    }
}
