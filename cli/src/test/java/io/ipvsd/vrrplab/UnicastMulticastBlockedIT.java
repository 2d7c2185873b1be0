package io.ipvsd.vrrplab;

import static io.ipvsd.vrrplab.Scenario.VIP_98;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bridge drops 224.0.0.18 (the "cloud drops multicast" case, vrrp-facts.md §2.2): with unicast
 * there is exactly one master; with multicast both nodes take the VIP, and ipvsd must say so.
 */
class UnicastMulticastBlockedIT {
    private static final VrrpInstance IPVSD = VrrpInstance.of("VI_1", 98, 100, VIP_98);
    private static final VrrpInstance KEEPALIVED = IPVSD.withPriority(95);

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void unicastKeepsExactlyOneMasterWhenTheBridgeDropsMulticast() {
        try (Lab lab = Lab.create("unicast-mcast-dropped", 2)) {
            lab.dropMulticastOnBridge();
            IpvsdNode ipvsd = IpvsdNode.start(lab, 0, "ipvsd-A", IPVSD.withUnicast(Lab.address(0), Lab.address(1)));
            KeepalivedNode keepalived = KeepalivedNode.start(lab, 1, "ka-B",
                    KEEPALIVED.withUnicast(Lab.address(1), Lab.address(0)));
            Vips vips = new Vips(ipvsd, keepalived);

            vips.awaitOnlyOn(ipvsd, VIP_98, Scenario.ELECTION);
            vips.holdsFor("one master over unicast", Scenario.LONGER_THAN_MASTER_DOWN, s -> s.onlyOn(ipvsd, VIP_98));
            VrrpStatus status = ipvsd.status();
            assertEquals("MASTER", status.state("VI_1"), status::toString);
            assertTrue(status.warnings("VI_1").isEmpty(), "no warning when the peer is heard: " + status);
            assertEquals(0, lab.multicastDrops(), "in unicast mode nothing is sent to 224.0.0.18");
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void multicastThroughTheDropGivesTwoMastersAndIpvsdWarns() {
        try (Lab lab = Lab.create("mcast-dropped-split", 2)) {
            lab.dropMulticastOnBridge();
            IpvsdNode ipvsd = IpvsdNode.start(lab, 0, "ipvsd-A", IPVSD);
            KeepalivedNode keepalived = KeepalivedNode.start(lab, 1, "ka-B", KEEPALIVED);
            Vips vips = new Vips(ipvsd, keepalived);

            vips.await("split brain: both hold " + VIP_98, Scenario.ELECTION, s -> s.holders(VIP_98).equals(Set.of(ipvsd, keepalived)));
            assertTrue(lab.multicastDrops() > 0, "the bridge dropped the adverts");
            // ipvsd hears no advert here; what it can see is keepalived's gratuitous ARPs for the VIP it holds.
            VrrpStatus status = ipvsd.awaitStatus("a warning for VI_1", Duration.ofSeconds(15),
                    s -> !s.warnings("VI_1").isEmpty());
            assertEquals("MASTER", status.state("VI_1"), status::toString);
        }
    }
}
