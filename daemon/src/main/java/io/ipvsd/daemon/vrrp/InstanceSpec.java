package io.ipvsd.daemon.vrrp;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the protocol needs to know of one configured vrrp_instance (the runtime maps the
 * configuration onto it; the configuration has already refused invalid combinations).
 *
 * @param advertCentis the configured advert interval in centiseconds (v2: a multiple of 100)
 * @param authPass the 8-byte zero-padded PASS password (v2 only), or null for no authentication
 * @param primaryAddress our source address: adverts come from it and equal priorities are broken on it
 * @param unicastPeers empty = multicast mode
 * @param initialMaster state = "master" in the configuration; it only matters with priority 255
 * @param garpDelayNanos delay of the second gratuitous ARP burst; 0 = no second burst
 */
public record InstanceSpec(
        String name,
        int vrid,
        int priority,
        VrrpVersion version,
        int advertCentis,
        boolean nopreempt,
        long preemptDelayNanos,
        byte[] authPass,
        InetAddress primaryAddress,
        List<InetAddress> vips,
        List<InetAddress> unicastPeers,
        boolean checkUnicastSource,
        boolean initialMaster,
        int garpRepeat,
        long garpDelayNanos,
        boolean v3ChecksumAsV2) {

    /** Priority of the address owner (RFC 3768 §5.3.4). */
    public static final int OWNER_PRIORITY = 255;

    public InstanceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(primaryAddress, "primaryAddress");
        if (authPass != null) {
            if (authPass.length != AdvertCodec.AUTH_LEN) throw new IllegalArgumentException("authPass must be 8 bytes");
            authPass = authPass.clone();
        }
        vips = List.copyOf(vips);
        unicastPeers = List.copyOf(unicastPeers);
    }

    @Override
    public byte[] authPass() {
        return authPass == null ? null : authPass.clone();
    }

    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    /** VRRPv2 auth type this instance sends and expects: 1 (PASS) with a password, else 0. */
    public int authType() {
        return authPass == null ? 0 : 1;
    }

    /** The advert this instance sends with the given priority. */
    public Advert advert(int priority) {
        boolean v2 = version == VrrpVersion.V2;
        byte[] auth = !v2 ? new byte[0] : authPass == null ? new byte[AdvertCodec.AUTH_LEN] : authPass;
        return new Advert(version, vrid, priority, advertCentis, v2 ? authType() : 0, auth, vips);
    }

    boolean authMatches(byte[] received) {
        // constant time over all 8 bytes, as keepalived's memcmp_constant_time
        int diff = received.length ^ AdvertCodec.AUTH_LEN;
        for (int i = 0; i < AdvertCodec.AUTH_LEN; i++) {
            diff |= authPass[i] ^ (i < received.length ? received[i] : 0);
        }
        return diff == 0;
    }

    // A record compares arrays by identity; specs must compare by content.
    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceSpec s
                && name.equals(s.name) && vrid == s.vrid && priority == s.priority && version == s.version
                && advertCentis == s.advertCentis && nopreempt == s.nopreempt
                && preemptDelayNanos == s.preemptDelayNanos && Arrays.equals(authPass, s.authPass)
                && primaryAddress.equals(s.primaryAddress) && vips.equals(s.vips)
                && unicastPeers.equals(s.unicastPeers) && checkUnicastSource == s.checkUnicastSource
                && initialMaster == s.initialMaster && garpRepeat == s.garpRepeat
                && garpDelayNanos == s.garpDelayNanos && v3ChecksumAsV2 == s.v3ChecksumAsV2;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, vrid, priority, version, advertCentis, primaryAddress, vips, Arrays.hashCode(authPass));
    }

    @Override
    public String toString() {
        return "InstanceSpec[" + name + " vrid=" + vrid + " prio=" + priority + " " + version + " int=" + advertCentis
                + "cs nopreempt=" + nopreempt + " auth=" + (authPass != null) + " src=" + AddressText.of(primaryAddress)
                + " vips=" + vips.size() + " peers=" + unicastPeers.size() + "]";
    }
}
