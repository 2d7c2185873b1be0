package io.ipvsd.daemon.vrrp;

import static io.ipvsd.daemon.vrrp.Fixtures.A;
import static io.ipvsd.daemon.vrrp.Fixtures.B;
import static io.ipvsd.daemon.vrrp.Fixtures.GROUP;
import static io.ipvsd.daemon.vrrp.Fixtures.PASS;
import static io.ipvsd.daemon.vrrp.Fixtures.VIP;
import static io.ipvsd.daemon.vrrp.Fixtures.hex;
import static io.ipvsd.daemon.vrrp.Fixtures.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertCodecTest {
    /*
     * vrrp-facts.md §2.3: captured on the lab bridge with
     * `ip netns exec kaC tcpdump -i ens192 -e -vv -n -XX 'ip proto 112'`, keepalived 2.2.7 on kaA
     * (192.0.2.21), VI_1 vrid 98 prio 100, auth PASS "02600009", advert_int 1, VIP 192.0.2.98.
     * The VRRP payload after the 20-byte IPv4 header (ttl 255, 192.0.2.21 > 224.0.0.18):
     */
    static final byte[] KEEPALIVED_V2 = hex("2162 6401 0101 f06c c000 0262 3032 3630 3030 3039");
    /* §2.4: the Python peer's priority-200 advert that keepalived B accepted (192.0.2.23 > 224.0.0.18). */
    static final byte[] PYTHON_V2_PRIO_200 = hex("2162c80101018c6cc00002623032363030303039");
    /* §2.3: keepalived with `version 3`, same instance, 192.0.2.21 > 224.0.0.18; checksum 0x0531 covers the IPv4 pseudo-header. */
    static final byte[] KEEPALIVED_V3_MULTICAST = hex("3162 6401 0064 0531 c000 0262");
    /* §2.3: the same v3 advert in unicast mode to 192.0.2.22; checksum 0x232d (pseudo-header dst = the peer). */
    static final byte[] KEEPALIVED_V3_UNICAST = hex("3162 6401 0064 232d c000 0262");
    /* §2.3: keepalived v3 over IPv6, fe80::c834:1fff:feb3:7363 > ff02::12, VIP 2001:db8::98; the kernel filled 0xe37d. */
    static final byte[] KEEPALIVED_V3_IPV6 = hex("3162 6401 0064 e37d 2001 0db8 0000 0000 0000 0000 0000 0098");
    static final InetAddress LINK_LOCAL = ip("fe80::c834:1fff:feb3:7363");
    static final InetAddress GROUP6 = ip("ff02::12");
    static final InetAddress VIP6 = ip("2001:db8::98");

    static Advert v2(int priority) {
        return new Advert(VrrpVersion.V2, 98, priority, 100, 1, PASS, List.of(VIP));
    }

    static Advert v3(InetAddress vip) {
        return new Advert(VrrpVersion.V3, 98, 100, 100, 0, new byte[0], List.of(vip));
    }

    @Test
    void v2EncodesKeepalivedsBytes() {
        assertArrayEquals(KEEPALIVED_V2, AdvertCodec.encode(v2(100), A, GROUP, false));
    }

    @Test
    void v2DecodesKeepalivedsAdvert() {
        assertEquals(new Decoded.Ok(v2(100)), AdvertCodec.decode(KEEPALIVED_V2, A, GROUP, false));
    }

    @Test
    void v2Priority200MatchesThePythonPeersBytes() {
        assertArrayEquals(PYTHON_V2_PRIO_200, AdvertCodec.encode(v2(200), Fixtures.C, GROUP, false));
        assertEquals(new Decoded.Ok(v2(200)), AdvertCodec.decode(PYTHON_V2_PRIO_200, Fixtures.C, GROUP, false));
    }

    @Test
    void v3Ipv4MulticastChecksumCoversThePseudoHeader() {
        assertArrayEquals(KEEPALIVED_V3_MULTICAST, AdvertCodec.encode(v3(VIP), A, GROUP, false));
        assertEquals(new Decoded.Ok(v3(VIP)), AdvertCodec.decode(KEEPALIVED_V3_MULTICAST, A, GROUP, false));
    }

    @Test
    void v3UnicastChecksumUsesThePeerAsDestination() {
        assertArrayEquals(KEEPALIVED_V3_UNICAST, AdvertCodec.encode(v3(VIP), A, B, false));
        assertEquals(new Decoded.Ok(v3(VIP)), AdvertCodec.decode(KEEPALIVED_V3_UNICAST, A, B, false));
        // keepalived's pre-1.3.6 "old" checksum (multicast address in the pseudo-header) is refused.
        assertDropped(DropReason.CHECKSUM, "Invalid VRRPv3 checksum", AdvertCodec.decode(KEEPALIVED_V3_MULTICAST, A, B, false));
    }

    @Test
    void v3ChecksumAsV2LeavesThePseudoHeaderOut() {
        byte[] rfc9568 = AdvertCodec.encode(v3(VIP), A, GROUP, true);
        assertArrayEquals(hex("3162 6401 0064 a7d5 c000 0262"), rfc9568);
        assertEquals(new Decoded.Ok(v3(VIP)), AdvertCodec.decode(rfc9568, A, GROUP, true));
        assertDropped(DropReason.CHECKSUM, "Invalid VRRPv3 checksum", AdvertCodec.decode(KEEPALIVED_V3_MULTICAST, A, GROUP, true));
        assertDropped(DropReason.CHECKSUM, "Invalid VRRPv3 checksum", AdvertCodec.decode(rfc9568, A, GROUP, false));
    }

    @Test
    void v3Ipv6LeavesTheChecksumToTheKernel() {
        byte[] encoded = AdvertCodec.encode(v3(VIP6), LINK_LOCAL, GROUP6, false);
        byte[] expected = KEEPALIVED_V3_IPV6.clone();
        expected[6] = 0;
        expected[7] = 0;
        assertArrayEquals(expected, encoded);
        assertEquals(new Decoded.Ok(v3(VIP6)), AdvertCodec.decode(KEEPALIVED_V3_IPV6, LINK_LOCAL, GROUP6, false));
    }

    @Test
    void v3DecodesTheTwelveBitCentisecondInterval() {
        byte[] packet = AdvertCodec.encode(new Advert(VrrpVersion.V3, 98, 100, 4095, 0, new byte[0], List.of(VIP)), A, GROUP, false);
        Advert decoded = ((Decoded.Ok) AdvertCodec.decode(packet, A, GROUP, false)).advert();
        assertEquals(4095, decoded.intervalCentis());
    }

    @Test
    void ipv4MappedVipStaysIpv6() {
        byte[] packet = KEEPALIVED_V3_IPV6.clone();
        System.arraycopy(hex("0000 0000 0000 0000 0000 ffff c000 0262"), 0, packet, 8, 16);
        Advert decoded = ((Decoded.Ok) AdvertCodec.decode(packet, LINK_LOCAL, GROUP6, false)).advert();
        assertInstanceOf(Inet6Address.class, decoded.addresses().get(0));
    }

    @Test
    void badV2ChecksumIsDroppedWithKeepalivedsText() {
        byte[] packet = KEEPALIVED_V2.clone();
        packet[7] ^= 1;
        assertDropped(DropReason.CHECKSUM, "Invalid VRRPv2 checksum", AdvertCodec.decode(packet, A, GROUP, false));
    }

    @Test
    void lengthThatDisagreesWithTheCountIsMalformed() {
        assertDropped(DropReason.MALFORMED, "vrrp packet too short, length 19 and expect 20",
                AdvertCodec.decode(java.util.Arrays.copyOf(KEEPALIVED_V2, 19), A, GROUP, false));
        assertDropped(DropReason.MALFORMED, "vrrp packet too long, length 21 and expect 20",
                AdvertCodec.decode(java.util.Arrays.copyOf(KEEPALIVED_V2, 21), A, GROUP, false));
        assertDropped(DropReason.MALFORMED, "vrrp packet too short, length 3 and expect 8",
                AdvertCodec.decode(new byte[3], A, GROUP, false));
    }

    @Test
    void unknownTypeIsDropped() {
        byte[] packet = KEEPALIVED_V2.clone();
        packet[0] = 0x22;
        assertDropped(DropReason.WRONG_TYPE, "Invalid packet type. 2 and expect 1", AdvertCodec.decode(packet, A, GROUP, false));
    }

    @Test
    void unknownVersionIsDropped() {
        byte[] packet = KEEPALIVED_V2.clone();
        packet[0] = 0x51;
        assertDropped(DropReason.WRONG_VERSION, "wrong version. Received 5 and expect 2 or 3", AdvertCodec.decode(packet, A, GROUP, false));
    }

    @Test
    void v2OverIpv6IsMalformed() {
        assertEquals(DropReason.MALFORMED, ((Decoded.Dropped) AdvertCodec.decode(KEEPALIVED_V2, LINK_LOCAL, GROUP6, false)).reason());
    }

    @Test
    void advertsCompareByContent() {
        assertEquals(v2(100), new Advert(VrrpVersion.V2, 98, 100, 100, 1, PASS.clone(), List.of(VIP)));
        assertEquals(v2(100).hashCode(), new Advert(VrrpVersion.V2, 98, 100, 100, 1, PASS.clone(), List.of(VIP)).hashCode());
    }

    static void assertDropped(DropReason reason, String detail, Decoded decoded) {
        assertEquals(new Decoded.Dropped(reason, detail), decoded);
    }
}
