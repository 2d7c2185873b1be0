package io.ipvsd.vrrplab;

import java.util.List;

/**
 * The parameters of one VRRP instance, written out by {@link KeepalivedNode} as keepalived.conf and
 * by {@link IpvsdNode} as ipvsd's TOML, so both peers of a scenario are described the same way.
 * Defaults follow the field config (vrrp-facts.md §2.1): VRRPv2, advert_int 1, nopreempt, PASS.
 */
record VrrpInstance(String name, int vrid, int priority, int advertSeconds, boolean nopreempt, String authPass,
        String unicastSrc, List<String> unicastPeers, List<Vip> vips, List<String> trackInterfaces) {

    /** The field's password; 8 bytes, which both keepalived and ipvsd accept as it is. */
    static final String FIELD_PASSWORD = "02600009";

    static VrrpInstance of(String name, int vrid, int priority, Vip vip) {
        return new VrrpInstance(name, vrid, priority, 1, true, FIELD_PASSWORD, null, List.of(), List.of(vip), List.of());
    }

    VrrpInstance withPriority(int p) {
        return new VrrpInstance(name, vrid, p, advertSeconds, nopreempt, authPass, unicastSrc, unicastPeers, vips, trackInterfaces);
    }

    VrrpInstance withNopreempt(boolean n) {
        return new VrrpInstance(name, vrid, priority, advertSeconds, n, authPass, unicastSrc, unicastPeers, vips, trackInterfaces);
    }

    VrrpInstance withAuthPass(String pass) {
        return new VrrpInstance(name, vrid, priority, advertSeconds, nopreempt, pass, unicastSrc, unicastPeers, vips, trackInterfaces);
    }

    VrrpInstance withAdvertSeconds(int s) {
        return new VrrpInstance(name, vrid, priority, s, nopreempt, authPass, unicastSrc, unicastPeers, vips, trackInterfaces);
    }

    VrrpInstance withUnicast(String src, String... peers) {
        return new VrrpInstance(name, vrid, priority, advertSeconds, nopreempt, authPass, src, List.of(peers), vips, trackInterfaces);
    }

    VrrpInstance withTrackInterfaces(String... interfaces) {
        return new VrrpInstance(name, vrid, priority, advertSeconds, nopreempt, authPass, unicastSrc, unicastPeers, vips,
                List.of(interfaces));
    }

    Vip vip() {
        return vips.get(0);
    }

    /** VRRPv2 Skew_Time = (256 - priority) / 256 s, whatever the interval (RFC 3768 §6.1; keepalived VRRP_TIMER_SKEW). */
    double skewSeconds() {
        return (256 - priority) / 256.0;
    }

    /** Master_Down_Interval = 3 x advert_int + Skew_Time: how long this node, as backup, waits after the last advert. */
    double masterDownSeconds() {
        return 3.0 * advertSeconds + skewSeconds();
    }
}
