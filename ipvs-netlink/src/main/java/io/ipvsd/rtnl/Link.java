package io.ipvsd.rtnl;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A network interface as rtnetlink reports it.
 *
 * @param index the interface index
 * @param name  the interface name
 * @param mac   the link-layer address exactly as IFLA_ADDRESS gives it: 6 bytes for Ethernet
 *              (zeros for lo), other lengths for other link types, empty when the link has none
 * @param up    IFF_UP and IFF_RUNNING both set: administratively up with a working carrier (what
 *              keepalived counts as up)
 */
public record Link(int index, String name, byte[] mac, boolean up) {

    public Link {
        Objects.requireNonNull(name, "name");
        mac = mac.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Link l && l.index == index && l.name.equals(name) && Arrays.equals(l.mac, mac) && l.up == up;
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, name, up) * 31 + Arrays.hashCode(mac);
    }

    @Override
    public String toString() {
        return "Link[index=" + index + ", name=" + name + ", mac=" + HexFormat.ofDelimiter(":").formatHex(mac)
                + ", up=" + up + "]";
    }
}
