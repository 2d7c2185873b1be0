package io.ipvsd.nft;

import java.net.InetAddress;

/** A network prefix such as 192.0.2.0/24, host bits zero. */
public record Prefix(InetAddress address, int length) {
    public Prefix {
        int bits = address.getAddress().length * 8;
        if (length < 1 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " out of 1.." + bits + " for " + address.getHostAddress());
        }
        byte[] a = address.getAddress();
        for (int bit = length; bit < bits; bit++) {
            if ((a[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException(address.getHostAddress() + "/" + length + " has host bits set");
            }
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }
}
