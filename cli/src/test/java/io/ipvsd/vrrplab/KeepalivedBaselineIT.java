package io.ipvsd.vrrplab;

import static io.ipvsd.vrrplab.Scenario.VIP_98;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * keepalived with keepalived, the field config (vrrp-facts.md §2.1) in the lab: the numbers ipvsd's
 * failovers are compared with. Runs without ipvsd.
 */
class KeepalivedBaselineIT {
    private static final String SCENARIO = "keepalived-keepalived multicast";

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void killNineOfTheMasterMovesTheVipToTheBackupWithinMasterDownInterval() {
        VrrpInstance a = VrrpInstance.of("VI_1", 98, 100, VIP_98).withAuthPass(Scenario.FIELD_PASSWORD_AS_WRITTEN);
        VrrpInstance b = a.withPriority(95);
        try (Lab lab = Lab.create("keepalived-baseline", 3)) {
            KeepalivedNode kaA = KeepalivedNode.start(lab, 0, "ka-A", a);
            KeepalivedNode kaB = KeepalivedNode.start(lab, 1, "ka-B", b);
            Adverts wire = Adverts.capture(lab, 2);
            Vips vips = new Vips(kaA, kaB);

            vips.awaitOnlyOn(kaA, VIP_98, Scenario.ELECTION);
            assertTrue(kaA.logContains("Truncating auth_pass to 8 characters"), "the field password is cut to 8 bytes");

            // Roles alternate, as in vrrp-facts.md's loop5.sh: A->B, B->A, A->B.
            failover(1, kaA, kaB, b, vips, wire);
            failover(2, kaB, kaA, a, vips, wire);
            failover(3, kaA, kaB, b, vips, wire);
            KeepalivedNode master = kaB;
            vips.holdsFor("nopreempt: " + master.name() + " keeps " + VIP_98 + " after " + kaA.name() + "'s restart",
                    Scenario.LONGER_THAN_MASTER_DOWN, s -> s.onlyOn(master, VIP_98));
        }
    }

    /** kill -9 of the master; the backup must hold the VIP within its master-down interval; the victim restarts. */
    private static void failover(int repetition, KeepalivedNode master, KeepalivedNode backup, VrrpInstance backupConfig,
            Vips vips, Adverts wire) {
        wire.awaitRecentFrom(master.address(), 98);
        long killed = master.kill9();
        long taken = vips.await(VIP_98 + " on " + backup.name(), Duration.ofSeconds(10), s -> s.has(backup, VIP_98));
        String who = master.name() + "->" + backup.name() + " #" + repetition;
        Scenario.recordWithin(SCENARIO, "kill -9 " + who + " -> VIP", killed, taken, Scenario.failoverBound(backupConfig));
        Scenario.record(SCENARIO, "last advert " + who + " -> VIP", wire.lastBefore(killed, master.address(), 98).nanos(), taken);
        assertTrue(vips.snapshot().has(master, VIP_98), "kill -9 leaves the VIP on " + master.name() + " (keepalived#2361)");

        // The restart removes the residual VIP and, with nopreempt, stays backup. Holding for 1.5 s
        // lets it hear adverts, so the next kill is timed from the master's adverts, not its start.
        master.start();
        vips.awaitOnlyOn(backup, VIP_98, Duration.ofSeconds(5));
        vips.holdsFor(master.name() + " restarted as backup", Duration.ofMillis(1_500), s -> s.onlyOn(backup, VIP_98));
    }
}
