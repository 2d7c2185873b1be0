package io.ipvsd.daemon.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.ipvs.Endpoints;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AnnouncementsTest {
    private static final byte[] MAC = HexFormat.of().parseHex("ca341fb37363");

    /**
     * keepalived 2.2.7 becoming master of 192.0.2.98 on ens192 (MAC ca:34:1f:b3:73:63), captured with
     * {@code tcpdump -e -XX -n arp} in the lab of shared/vrrp-facts.md §1.10.
     */
    @Test
    void gratuitousArpIsKeepalivedsFrame() {
        String captured = "ffffffffffff" + "ca341fb37363" + "0806"
                + "0001" + "0800" + "06" + "04" + "0001" + "ca341fb37363" + "c0000262" + "ffffffffffff" + "c0000262";
        assertEquals(captured, HexFormat.of().formatHex(
                Announcements.gratuitousArp(MAC, Endpoints.parseAddress("192.0.2.98"))));
    }

    /** RFC 4861 §4.4: type 136, override flag only, target, target link-layer address option. */
    @Test
    void unsolicitedNeighbourAdvertCarriesTheTargetAndItsMac() {
        String expected = "88" + "00" + "0000" + "20000000" + "20010db8000000000000000000000098" + "02" + "01" + "ca341fb37363";
        assertEquals(expected, HexFormat.of().formatHex(
                Announcements.unsolicitedNeighbourAdvert(MAC, Endpoints.parseAddress("2001:db8::98"))));
    }
}
