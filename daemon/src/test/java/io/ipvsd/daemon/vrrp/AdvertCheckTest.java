package io.ipvsd.daemon.vrrp;

import static io.ipvsd.daemon.vrrp.Fixtures.A;
import static io.ipvsd.daemon.vrrp.Fixtures.B;
import static io.ipvsd.daemon.vrrp.Fixtures.C;
import static io.ipvsd.daemon.vrrp.Fixtures.GROUP;
import static io.ipvsd.daemon.vrrp.Fixtures.PASS;
import static io.ipvsd.daemon.vrrp.Fixtures.VIP;
import static io.ipvsd.daemon.vrrp.Fixtures.ip;
import static io.ipvsd.daemon.vrrp.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdvertCheckTest {
    static final InstanceSpec VI_1_ON_B = spec().primary(B).priority(95).build();

    static Advert advert(int priority, int authType, byte[] auth, int centis, InetAddress... vips) {
        return new Advert(VrrpVersion.V2, 98, priority, centis, authType, auth, List.of(vips));
    }

    static Advert valid(int priority) {
        return advert(priority, 1, PASS, 100, VIP);
    }

    static void assertDrop(DropReason reason, String line, Optional<Drop> result) {
        assertEquals(Optional.of(new Drop(reason, line)), result);
    }

    @Test
    void validAdvertPasses() {
        assertEquals(Optional.empty(), AdvertCheck.check(VI_1_ON_B, A, GROUP, 255, valid(100)));
    }

    @Test
    void multicastTtlMustBe255() {
        assertDrop(DropReason.INVALID_TTL, "(VI_1) invalid TTL/HL. Received 64 and expect 255",
                AdvertCheck.check(VI_1_ON_B, A, GROUP, 64, valid(100)));
    }

    @Test
    void unicastTtlIsNotChecked() {
        InstanceSpec unicast = spec().primary(B).peers(A).build();
        assertEquals(Optional.empty(), AdvertCheck.check(unicast, A, B, 64, valid(100)));
    }

    @Test
    void ttlIsCheckedBeforeVersion() {
        Advert v3 = new Advert(VrrpVersion.V3, 98, 100, 100, 0, new byte[0], List.of(VIP));
        assertEquals(DropReason.INVALID_TTL, AdvertCheck.check(VI_1_ON_B, A, GROUP, 1, v3).orElseThrow().reason());
        assertDrop(DropReason.WRONG_VERSION, "(VI_1) wrong version. Received 3 and expect 2",
                AdvertCheck.check(VI_1_ON_B, A, GROUP, 255, v3));
    }

    @Test
    void authTypeMismatchIsDropped() {
        assertDrop(DropReason.AUTH_TYPE, "(VI_1) received a 0 auth, expecting 1!",
                AdvertCheck.check(VI_1_ON_B, A, GROUP, 255, advert(100, 0, new byte[8], 100, VIP)));
        assertDrop(DropReason.AUTH_TYPE, "(VI_1) Invalid auth type: 7",
                AdvertCheck.check(VI_1_ON_B, A, GROUP, 255, advert(100, 7, PASS, 100, VIP)));
    }

    @Test
    void wrongPasswordIsDropped() {
        assertDrop(DropReason.AUTH_PASSWORD, "(VI_1) received an invalid passwd!",
                AdvertCheck.check(VI_1_ON_B, A, GROUP, 255, advert(100, 1, "wrongpw1".getBytes(StandardCharsets.US_ASCII), 100, VIP)));
    }

    @Test
    void passwordComparesAllEightBytes() {
        byte[] lastByteDiffers = PASS.clone();
        lastByteDiffers[7] = '7';
        assertEquals(DropReason.AUTH_PASSWORD,
                AdvertCheck.check(VI_1_ON_B, A, GROUP, 255, advert(100, 1, lastByteDiffers, 100, VIP)).orElseThrow().reason());
    }

    @Test
    void noAuthInstanceAcceptsNoAuthAdvert() {
        InstanceSpec open = spec().primary(B).noAuth().build();
        assertEquals(Optional.empty(), AdvertCheck.check(open, A, GROUP, 255, advert(100, 0, new byte[8], 100, VIP)));
        assertDrop(DropReason.AUTH_TYPE, "(VI_1) received a 1 auth, expecting 0!",
                AdvertCheck.check(open, A, GROUP, 255, valid(100)));
    }

    @Test
    void v2IntervalMustEqualOurs() {
        assertDrop(DropReason.INTERVAL, "(VI_1) advertisement interval mismatch mine=1 sec rcv'd=2 sec",
                AdvertCheck.check(VI_1_ON_B, A, GROUP, 255, advert(100, 1, PASS, 200, VIP)));
    }

    @Test
    void passwordIsCheckedBeforeInterval() {
        assertEquals(DropReason.AUTH_PASSWORD,
                AdvertCheck.check(VI_1_ON_B, A, GROUP, 255, advert(100, 1, new byte[8], 200, VIP)).orElseThrow().reason());
    }

    @Test
    void v3IntervalIsLearnedNotDropped() {
        InstanceSpec v3 = spec().primary(B).v3(100).build();
        Advert slow = new Advert(VrrpVersion.V3, 98, 100, 50, 0, new byte[0], List.of(VIP));
        assertEquals(Optional.empty(), AdvertCheck.check(v3, A, GROUP, 255, slow));
    }

    @Test
    void addressCountMustMatch() {
        assertDrop(DropReason.ADDRESS_COUNT, "(VI_1) received an unexpected ip number count 2, expected 1!",
                AdvertCheck.check(VI_1_ON_B, A, GROUP, 255, advert(100, 1, PASS, 100, VIP, ip("192.0.2.99"))));
    }

    @Test
    void addressListMustContainOurVips() {
        assertDrop(DropReason.ADDRESS_LIST, "(VI_1) ip address associated with VRID 98 not present in MASTER advert: 192.0.2.98",
                AdvertCheck.check(VI_1_ON_B, A, GROUP, 255, advert(100, 1, PASS, 100, ip("192.0.2.99"))));
    }

    @Test
    void priorityZeroAdvertsGetTheAddressChecksToo() {
        // keepalived 2.2.7 skips the list only with skip_check_adv_addr for the current master, never for priority 0.
        assertEquals(DropReason.ADDRESS_LIST,
                AdvertCheck.check(VI_1_ON_B, A, GROUP, 255, advert(0, 1, PASS, 100, ip("192.0.2.99"))).orElseThrow().reason());
    }

    @Test
    void unicastInstanceRefusesMulticastAdvert() {
        InstanceSpec unicast = spec().primary(B).peers(A).build();
        assertDrop(DropReason.EXPECTED_UNICAST, "(VI_1) Expected unicast packet but received multicast packet",
                AdvertCheck.check(unicast, A, GROUP, 255, valid(100)));
    }

    @Test
    void multicastInstanceRefusesUnicastAdvert() {
        assertDrop(DropReason.EXPECTED_MULTICAST, "(VI_1) Expected multicast packet but received unicast packet",
                AdvertCheck.check(VI_1_ON_B, A, B, 255, valid(100)));
    }

    @Test
    void unicastSourceMustBeAPeerWhenChecked() {
        InstanceSpec unicast = spec().primary(B).peers(A).build();
        assertDrop(DropReason.NOT_A_PEER, "(VI_1) unicast source address 192.0.2.23 not a unicast peer",
                AdvertCheck.check(unicast, C, B, 64, valid(200)));
        InstanceSpec unchecked = spec().primary(B).peers(A).checkUnicastSource(false).build();
        assertEquals(Optional.empty(), AdvertCheck.check(unchecked, C, B, 64, valid(200)));
    }

    @Test
    void addressListIsCheckedBeforeThePeer() {
        InstanceSpec unicast = spec().primary(B).peers(A).build();
        assertEquals(DropReason.ADDRESS_LIST,
                AdvertCheck.check(unicast, C, B, 255, advert(100, 1, PASS, 100, ip("192.0.2.99"))).orElseThrow().reason());
    }

    @Test
    void equalPriorityFromOurOwnAddressIsDropped() {
        assertDrop(DropReason.OWN_ADDRESS, "(VI_1) WARNING - equal priority advert received from remote host with our IP address.",
                AdvertCheck.check(VI_1_ON_B, B, GROUP, 255, valid(95)));
        assertEquals(Optional.empty(), AdvertCheck.check(VI_1_ON_B, B, GROUP, 255, valid(100)));
    }

    @Test
    void dropReasonJsonNamesAreLowerCase() {
        assertEquals("auth_password", DropReason.AUTH_PASSWORD.jsonName());
        assertEquals("not_a_peer", DropReason.NOT_A_PEER.jsonName());
    }

    @Test
    void ipv6AddressesAreLoggedCompressed() {
        assertEquals("fe80::c834:1fff:feb3:7363", AddressText.of(ip("fe80:0:0:0:c834:1fff:feb3:7363%1")));
        assertEquals("2001:db8::98", AddressText.of(ip("2001:db8:0:0:0:0:0:98")));
        assertEquals("2001:0:0:1::1", AddressText.of(ip("2001:0:0:1:0:0:0:1")));
        assertEquals("::", AddressText.of(ip("::")));
        assertEquals("1::", AddressText.of(ip("1::")));
        assertEquals("2001:db8:1:1:1:1:1:0", AddressText.of(ip("2001:db8:1:1:1:1:1:0")));
    }
}
