package io.ipvsd.vrrplab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * VRRPv3 with keepalived, over IPv4 (the checksum with keepalived's IPv4 pseudo-header) and over IPv6
 * (link-local sources, ff02::12, the kernel's checksum): each side accepts the other's adverts, in
 * both directions, and priority 0 hands the VIP over in the skew time.
 */
class Version3IT {
    private static final String SCENARIO = "VRRPv3 ipvsd(100), keepalived(95)";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void overIpv4() {
        check("v3 IPv4", Vip.of("192.0.2.98/24", "ens192"), "192.0.2.98/24 dev ens192");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void overIpv6() {
        check("v3 IPv6", Vip.of("2001:db8::98/64", ""), "2001:db8::98/64 dev ens192");
    }

    private static void check(String what, Vip vip, String address) {
        try (Lab lab = Lab.create(what.replace(' ', '-').toLowerCase(java.util.Locale.ROOT), 2)) {
            IpvsdNode ipvsd = IpvsdNode.startWithFile(lab, 0, "ipvsd-A", """
                    [[vrrp_instance]]
                    name = "VI_3"
                    interface = "ens192"
                    virtual_router_id = 93
                    priority = 100
                    version = 3
                    virtual_ipaddress = ["%s"]
                    """.formatted(address));
            Vips vips = new Vips(ipvsd);
            vips.await(vip + " on ipvsd", Scenario.ELECTION, s -> s.has(ipvsd, vip));
            KeepalivedNode keepalived = KeepalivedNode.startWithConfig(lab, 1, "ka-B", """
                    vrrp_instance VI_3 {
                        state BACKUP
                        interface ens192
                        virtual_router_id 93
                        priority 95
                        advert_int 1
                        version 3
                        virtual_ipaddress {
                            %s
                        }
                    }
                    """.formatted(address));
            Vips both = new Vips(ipvsd, keepalived);
            both.holdsFor("keepalived accepts ipvsd's " + what + " adverts: " + vip + " stays on ipvsd only",
                    Scenario.LONGER_THAN_MASTER_DOWN, s -> s.onlyOn(ipvsd, vip));

            long stopped = ipvsd.terminate();
            long moved = both.await(vip + " on keepalived after priority 0", Duration.ofSeconds(5),
                    s -> s.has(keepalived, vip) && !s.has(ipvsd, vip));
            Scenario.recordWithin(SCENARIO, what + ": SIGTERM ipvsd -> VIP only on ka", stopped, moved, 1.5);

            ipvsd.start();
            VrrpStatus heard = ipvsd.awaitStatus("ipvsd hears keepalived's " + what + " adverts", Duration.ofSeconds(10),
                    s -> s.advertsReceived("VI_3") >= 2);
            assertTrue(heard.dropReasons("VI_3").isEmpty(), heard::toString);
            both.await("ipvsd (100) takes the VIP back", Scenario.ELECTION, s -> s.has(ipvsd, vip) && !s.has(keepalived, vip));
            assertTrue(keepalived.logContains("(VI_3) Master received advert from "), Shell.tail(keepalived.log(), 20));
        }
    }
}
