package io.ipvsd.daemon.vrrp.runtime;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * One interface as the VRRP loop needs it.
 *
 * @param index       0 when the interface does not exist
 * @param primaryV4   its first IPv4 address that is not a VIP ipvsd manages (the advert source
 *                    and tie-breaker in multicast mode), or null
 * @param linkLocalV6 its IPv6 link-local address (the source of IPv6 adverts), or null
 */
record LinkView(String name, int index, byte[] mac, boolean up, InetAddress primaryV4, InetAddress linkLocalV6) {
    static LinkView missing(String name) {
        return new LinkView(name, 0, new byte[0], false, null, null);
    }

    boolean exists() {
        return index != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkView l && name.equals(l.name) && index == l.index && Arrays.equals(mac, l.mac)
                && up == l.up && Objects.equals(primaryV4, l.primaryV4) && Objects.equals(linkLocalV6, l.linkLocalV6);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, index, Arrays.hashCode(mac), up, primaryV4, linkLocalV6);
    }
}
