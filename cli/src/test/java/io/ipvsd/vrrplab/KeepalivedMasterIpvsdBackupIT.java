package io.ipvsd.vrrplab;

import static io.ipvsd.vrrplab.Scenario.VIP_98;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The roles swapped: keepalived (100) master, ipvsd (95) backup. */
class KeepalivedMasterIpvsdBackupIT {
    private static final String SCENARIO = "keepalived(100) master, ipvsd(95) backup";

    private static final VrrpInstance KEEPALIVED = VrrpInstance.of("VI_1", 98, 100, VIP_98)
            .withAuthPass(Scenario.FIELD_PASSWORD_AS_WRITTEN);
    private static final VrrpInstance IPVSD = VrrpInstance.of("VI_1", 98, 95, VIP_98);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void withNopreemptTheRestartedKeepalivedStaysBackup() {
        try (Lab lab = Lab.create("ka-master-nopreempt", 3)) {
            KeepalivedNode keepalived = KeepalivedNode.start(lab, 0, "ka-A", KEEPALIVED);
            IpvsdNode ipvsd = IpvsdNode.start(lab, 1, "ipvsd-B", IPVSD);
            Adverts wire = Adverts.capture(lab, 2);
            Vips vips = new Vips(keepalived, ipvsd);

            electThenKill(keepalived, ipvsd, vips, wire, "nopreempt");

            keepalived.start();
            vips.awaitOnlyOn(ipvsd, VIP_98, Duration.ofSeconds(5));
            vips.holdsFor("nopreempt: the restarted keepalived leaves " + VIP_98 + " on ipvsd", Scenario.LONGER_THAN_MASTER_DOWN,
                    s -> s.onlyOn(ipvsd, VIP_98));
            assertEquals("MASTER", ipvsd.status().state("VI_1"));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void withoutNopreemptTheRestartedKeepalivedTakesTheVipBackFromIpvsd() {
        VrrpInstance preempting = KEEPALIVED.withNopreempt(false);
        try (Lab lab = Lab.create("ka-master-preempt", 3)) {
            KeepalivedNode keepalived = KeepalivedNode.start(lab, 0, "ka-A", preempting);
            IpvsdNode ipvsd = IpvsdNode.start(lab, 1, "ipvsd-B", IPVSD);
            Adverts wire = Adverts.capture(lab, 2);
            Vips vips = new Vips(keepalived, ipvsd);

            electThenKill(keepalived, ipvsd, vips, wire, "preempt");

            long restarted = System.nanoTime();
            keepalived.start();
            long back = vips.awaitOnlyOn(keepalived, VIP_98, Scenario.ELECTION);
            Scenario.record(SCENARIO, "ka restart (preempt) -> VIP back on ka", restarted, back);
            assertTrue(ipvsd.logContains("(VI_1) Master received advert from " + keepalived.address()
                    + " with higher priority 100, ours 95"), "ipvsd logs why it yields:\n" + Shell.tail(ipvsd.log(), 20));
            VrrpStatus status = ipvsd.status();
            assertEquals("BACKUP", status.state("VI_1"), status::toString);
            assertEquals(keepalived.address(), status.master("VI_1"), status::toString);
        }
    }

    private static void electThenKill(KeepalivedNode keepalived, IpvsdNode ipvsd, Vips vips, Adverts wire, String variant) {
        vips.awaitOnlyOn(keepalived, VIP_98, Scenario.ELECTION);
        vips.holdsFor("ipvsd stays backup under keepalived's adverts", Scenario.LONGER_THAN_MASTER_DOWN,
                s -> s.onlyOn(keepalived, VIP_98));
        VrrpStatus status = ipvsd.status();
        assertEquals("BACKUP", status.state("VI_1"), status::toString);
        assertEquals(keepalived.address(), status.master("VI_1"), status::toString);
        assertTrue(status.advertsReceived("VI_1") >= 3, status::toString);

        wire.awaitRecentFrom(keepalived.address(), 98);
        long killed = keepalived.kill9();
        long taken = vips.await(VIP_98 + " on ipvsd", Duration.ofSeconds(10), s -> s.has(ipvsd, VIP_98));
        Scenario.recordWithin(SCENARIO, "kill -9 ka -> VIP on ipvsd (" + variant + ")", killed, taken,
                Scenario.failoverBound(IPVSD));
        Scenario.record(SCENARIO, "last advert -> VIP on ipvsd (" + variant + ")",
                wire.lastBefore(killed, keepalived.address(), 98).nanos(), taken);
        assertEquals("MASTER", ipvsd.status().state("VI_1"));
        Adverts.Advert first = wire.await("ipvsd's adverts as the new master", taken - 1_000_000_000L, Duration.ofSeconds(3),
                a -> a.source().equals(ipvsd.address()) && a.vrid() == 98 && a.priority() == 95);
        assertEquals(2, first.version(), "ipvsd speaks VRRPv2 to keepalived: " + first);
    }
}
