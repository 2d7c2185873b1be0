package io.ipvsd.vrrplab;

import static io.ipvsd.vrrplab.Scenario.VIP_98;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ipvsd's tracked interface ens224 goes down (FAULT, keepalived takes the VIP) and up (BACKUP with nopreempt). */
class TrackInterfaceIT {
    private static final String SCENARIO = "track_interface on ipvsd(100), keepalived(95)";

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void trackedInterfaceDownIsFaultAndUpIsBackup() {
        VrrpInstance ipvsdConfig = VrrpInstance.of("VI_1", 98, 100, VIP_98).withTrackInterfaces(Lab.TRACKED_INTERFACE);
        VrrpInstance keepalivedConfig = VrrpInstance.of("VI_1", 98, 95, VIP_98);
        try (Lab lab = Lab.create("track-interface", 2)) {
            lab.addTrackedInterface(0);
            IpvsdNode ipvsd = IpvsdNode.start(lab, 0, "ipvsd-A", ipvsdConfig);
            KeepalivedNode keepalived = KeepalivedNode.start(lab, 1, "ka-B", keepalivedConfig);
            Vips vips = new Vips(ipvsd, keepalived);
            vips.awaitOnlyOn(ipvsd, VIP_98, Scenario.ELECTION);

            long down = System.nanoTime();
            lab.setLink(0, Lab.TRACKED_INTERFACE, false);
            long moved = vips.awaitOnlyOn(keepalived, VIP_98, Duration.ofSeconds(10));
            Scenario.recordWithin(SCENARIO, "ens224 down -> VIP only on ka", down, moved, Scenario.failoverBound(keepalivedConfig));
            VrrpStatus fault = ipvsd.awaitStatus("VI_1 in FAULT", Duration.ofSeconds(5), s -> s.state("VI_1").equals("FAULT"));
            assertTrue(fault.faults("VI_1").stream().anyMatch(f -> f.contains(Lab.TRACKED_INTERFACE)), fault::toString);

            lab.setLink(0, Lab.TRACKED_INTERFACE, true);
            VrrpStatus backup = ipvsd.awaitStatus("VI_1 back in BACKUP", Duration.ofSeconds(5),
                    s -> s.state("VI_1").equals("BACKUP"));
            assertTrue(backup.faults("VI_1").isEmpty(), backup::toString);
            vips.holdsFor("nopreempt: " + VIP_98 + " stays on keepalived", Scenario.LONGER_THAN_MASTER_DOWN,
                    s -> s.onlyOn(keepalived, VIP_98));
            VrrpStatus after = ipvsd.status();
            assertTrue(after.state("VI_1").equals("BACKUP") && keepalived.address().equals(after.master("VI_1")), after::toString);
        }
    }
}
