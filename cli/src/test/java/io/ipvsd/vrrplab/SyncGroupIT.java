package io.ipvsd.vrrplab;

import static io.ipvsd.vrrplab.Scenario.VIP_98;
import static io.ipvsd.vrrplab.Scenario.VIP_99;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sync group on ipvsd (VI_1 + VI_2 in G1, only VI_1 tracking ens224) against two plain keepalived
 * instances: when VI_1 faults, the group leaves master together and keepalived gets both VIPs.
 */
class SyncGroupIT {
    private static final String SCENARIO = "sync group G1 on ipvsd, keepalived backup";

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aFaultInOneInstanceMovesBothVips() {
        VrrpInstance vi1 = VrrpInstance.of("VI_1", 98, 100, VIP_98);
        VrrpInstance vi2 = VrrpInstance.of("VI_2", 99, 100, VIP_99);
        try (Lab lab = Lab.create("sync-group", 2)) {
            lab.addTrackedInterface(0);
            IpvsdNode ipvsd = IpvsdNode.start(lab, 0, "ipvsd-A",
                    List.of(vi1.withTrackInterfaces(Lab.TRACKED_INTERFACE), vi2), List.of(new SyncGroup("G1", List.of("VI_1", "VI_2"))));
            KeepalivedNode keepalived = KeepalivedNode.start(lab, 1, "ka-B", vi1.withPriority(95), vi2.withPriority(95));
            Vips vips = new Vips(ipvsd, keepalived);
            vips.await("both VIPs only on ipvsd", Scenario.ELECTION, s -> s.onlyOn(ipvsd, VIP_98) && s.onlyOn(ipvsd, VIP_99));

            long down = System.nanoTime();
            lab.setLink(0, Lab.TRACKED_INTERFACE, false);
            long moved = vips.await("both VIPs only on keepalived", Duration.ofSeconds(10),
                    s -> s.onlyOn(keepalived, VIP_98) && s.onlyOn(keepalived, VIP_99));
            Scenario.recordWithin(SCENARIO, "ens224 down -> both VIPs on ka", down, moved, Scenario.failoverBound(vi1.withPriority(95)));
            VrrpStatus status = ipvsd.status();
            assertEquals("FAULT", status.state("VI_1"), status::toString);
            assertNotEquals("MASTER", status.state("VI_2"), status::toString);
        }
    }
}
