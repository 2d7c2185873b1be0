package io.ipvsd.vrrplab;

import static io.ipvsd.vrrplab.Scenario.VIP_98;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ipvsd (priority 100) with keepalived (95), multicast: ipvsd is elected, keepalived takes over on
 * kill -9 within 3 x advert + skew, and a restarted ipvsd stays backup with nopreempt, takes the VIP
 * back without it. The keepalived side uses the field password as written (9 characters, which it
 * truncates to ipvsd's 8).
 */
class IpvsdMasterKeepalivedBackupIT {
    private static final String SCENARIO = "ipvsd(100) master, keepalived(95) backup";

    private static final VrrpInstance IPVSD = VrrpInstance.of("VI_1", 98, 100, VIP_98);
    private static final VrrpInstance KEEPALIVED = IPVSD.withPriority(95).withAuthPass(Scenario.FIELD_PASSWORD_AS_WRITTEN);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void withNopreemptTheRestartedIpvsdStaysBackupAndRemovesItsResidualVip() {
        try (Lab lab = Lab.create("ipvsd-master-nopreempt", 3)) {
            IpvsdNode ipvsd = IpvsdNode.start(lab, 0, "ipvsd-A", IPVSD);
            KeepalivedNode keepalived = KeepalivedNode.start(lab, 1, "ka-B", KEEPALIVED);
            Adverts wire = Adverts.capture(lab, 2);
            Vips vips = new Vips(ipvsd, keepalived);

            electThenKill(ipvsd, keepalived, vips, wire, "nopreempt");

            long restarted = System.nanoTime();
            ipvsd.start();
            long cleaned = vips.awaitOnlyOn(keepalived, VIP_98, Duration.ofSeconds(10));
            Scenario.record(SCENARIO, "restart -> residual VIP removed", restarted, cleaned);
            vips.holdsFor("nopreempt: the restarted ipvsd leaves " + VIP_98 + " on keepalived", Scenario.LONGER_THAN_MASTER_DOWN,
                    s -> s.onlyOn(keepalived, VIP_98));
            VrrpStatus status = ipvsd.status();
            assertEquals("BACKUP", status.state("VI_1"), status::toString);
            assertEquals(keepalived.address(), status.master("VI_1"), status::toString);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void withoutNopreemptTheRestartedIpvsdTakesTheVipBack() {
        VrrpInstance preempting = IPVSD.withNopreempt(false);
        try (Lab lab = Lab.create("ipvsd-master-preempt", 3)) {
            IpvsdNode ipvsd = IpvsdNode.start(lab, 0, "ipvsd-A", preempting);
            KeepalivedNode keepalived = KeepalivedNode.start(lab, 1, "ka-B", KEEPALIVED);
            Adverts wire = Adverts.capture(lab, 2);
            Vips vips = new Vips(ipvsd, keepalived);

            electThenKill(ipvsd, keepalived, vips, wire, "preempt");

            long restarted = System.nanoTime();
            ipvsd.start();
            long back = vips.awaitOnlyOn(ipvsd, VIP_98, Scenario.ELECTION);
            Scenario.record(SCENARIO, "restart (preempt) -> VIP back on ipvsd", restarted, back);
            assertTrue(keepalived.logContains("Master received advert from " + ipvsd.address() + " with higher priority 100, ours 95"),
                    "keepalived yields to ipvsd's priority-100 adverts:\n" + Shell.tail(keepalived.log(), 20));
            VrrpStatus status = ipvsd.status();
            assertEquals("MASTER", status.state("VI_1"), status::toString);
        }
    }

    /**
     * ipvsd elected and keepalived accepting its adverts (no takeover for longer than keepalived's own
     * master-down interval), adverts 1 s apart, then kill -9 and keepalived's takeover measured.
     */
    private static void electThenKill(IpvsdNode ipvsd, KeepalivedNode keepalived, Vips vips, Adverts wire, String variant) {
        vips.awaitOnlyOn(ipvsd, VIP_98, Scenario.ELECTION);
        vips.holdsFor("keepalived stays backup under ipvsd's adverts", Scenario.LONGER_THAN_MASTER_DOWN,
                s -> s.onlyOn(ipvsd, VIP_98));
        VrrpStatus status = ipvsd.status();
        assertEquals("MASTER", status.state("VI_1"), status::toString);
        assertEquals(ipvsd.address(), status.master("VI_1"), status::toString);
        List<Double> gaps = wire.gaps(ipvsd.address(), 98);
        assertTrue(gaps.size() >= 3 && gaps.stream().allMatch(g -> g > 0.9 && g < 1.1),
                "ipvsd advertises every 1 s (advert_int 1s): gaps " + gaps);
        assertTrue(wire.all().stream().filter(a -> a.source().equals(ipvsd.address()))
                        .allMatch(a -> a.version() == 2 && a.destination().equals("224.0.0.18") && a.priority() == 100),
                "ipvsd's adverts are VRRPv2 to 224.0.0.18 with priority 100: " + wire.all());

        wire.awaitRecentFrom(ipvsd.address(), 98);
        long killed = ipvsd.kill9();
        long taken = vips.await(VIP_98 + " on keepalived", Duration.ofSeconds(10), s -> s.has(keepalived, VIP_98));
        Scenario.recordWithin(SCENARIO, "kill -9 ipvsd -> VIP on ka (" + variant + ")", killed, taken,
                Scenario.failoverBound(KEEPALIVED));
        Scenario.record(SCENARIO, "last advert -> VIP on ka (" + variant + ")", wire.lastBefore(killed, ipvsd.address(), 98).nanos(),
                taken);
        assertTrue(vips.snapshot().has(ipvsd, VIP_98), "a SIGKILLed ipvsd cannot remove its VIP: the residual the restart must clean");
    }
}
