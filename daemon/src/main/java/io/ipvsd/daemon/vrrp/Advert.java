package io.ipvsd.daemon.vrrp;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP advertisement, version independent.
 *
 * @param intervalCentis the advertisement interval in centiseconds (v2 carries whole seconds, so a
 *     multiple of 100 there)
 * @param authType v2 auth type (0 none, 1 PASS, 2 AH); 0 for v3
 * @param authData the 8 authentication bytes of a v2 advert; empty for v3
 */
public record Advert(
        VrrpVersion version,
        int vrid,
        int priority,
        int intervalCentis,
        int authType,
        byte[] authData,
        List<InetAddress> addresses) {

    public Advert {
        Objects.requireNonNull(version, "version");
        authData = authData.clone();
        addresses = List.copyOf(addresses);
    }

    @Override
    public byte[] authData() {
        return authData.clone();
    }

    // A record compares arrays by identity; adverts must compare by content.
    @Override
    public boolean equals(Object o) {
        return o instanceof Advert a
                && version == a.version
                && vrid == a.vrid
                && priority == a.priority
                && intervalCentis == a.intervalCentis
                && authType == a.authType
                && Arrays.equals(authData, a.authData)
                && addresses.equals(a.addresses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, vrid, priority, intervalCentis, authType, Arrays.hashCode(authData), addresses);
    }

    @Override
    public String toString() {
        return "Advert[" + version + " vrid=" + vrid + " prio=" + priority + " int=" + intervalCentis
                + "cs auth=" + authType + " addrs=" + addresses.stream().map(AddressText::of).toList() + "]";
    }
}
