package io.ipvsd.daemon.vrrp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** Specs and addresses shared by the VRRP tests: the lab's VI_1 (vrid 98, PASS "02600009"). */
final class Fixtures {
    static final InetAddress A = ip("192.0.2.21");
    static final InetAddress B = ip("192.0.2.22");
    static final InetAddress C = ip("192.0.2.23");
    static final InetAddress VIP = ip("192.0.2.98");
    static final InetAddress GROUP = ip("224.0.0.18");
    static final byte[] PASS = "02600009".getBytes(StandardCharsets.US_ASCII);
    static final long SECOND = 1_000_000_000L;

    private Fixtures() {}

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    /** A mutable builder over InstanceSpec's many components, defaulting to the lab's VI_1 on node A. */
    static final class Spec {
        String name = "VI_1";
        int vrid = 98;
        int priority = 100;
        VrrpVersion version = VrrpVersion.V2;
        int advertCentis = 100;
        boolean nopreempt;
        long preemptDelayNanos;
        byte[] authPass = PASS;
        InetAddress primary = A;
        List<InetAddress> vips = List.of(VIP);
        List<InetAddress> peers = List.of();
        boolean checkUnicastSource = true;
        boolean initialMaster;
        int garpRepeat = 5;
        long garpDelayNanos = 5 * SECOND;
        boolean v3ChecksumAsV2;

        Spec name(String n) { name = n; return this; }
        Spec vrid(int v) { vrid = v; return this; }
        Spec priority(int p) { priority = p; return this; }
        Spec v3(int centis) { version = VrrpVersion.V3; advertCentis = centis; authPass = null; return this; }
        Spec advertSeconds(int s) { advertCentis = s * 100; return this; }
        Spec nopreempt() { nopreempt = true; return this; }
        Spec preemptDelay(long nanos) { preemptDelayNanos = nanos; return this; }
        Spec noAuth() { authPass = null; return this; }
        Spec primary(InetAddress a) { primary = a; return this; }
        Spec vips(InetAddress... v) { vips = List.of(v); return this; }
        Spec peers(InetAddress... p) { peers = List.of(p); return this; }
        Spec checkUnicastSource(boolean c) { checkUnicastSource = c; return this; }
        Spec initialMaster() { initialMaster = true; return this; }
        Spec garpDelay(long nanos) { garpDelayNanos = nanos; return this; }

        InstanceSpec build() {
            return new InstanceSpec(name, vrid, priority, version, advertCentis, nopreempt, preemptDelayNanos, authPass,
                    primary, vips, peers, checkUnicastSource, initialMaster, garpRepeat, garpDelayNanos, v3ChecksumAsV2);
        }
    }

    static Spec spec() {
        return new Spec();
    }
}
