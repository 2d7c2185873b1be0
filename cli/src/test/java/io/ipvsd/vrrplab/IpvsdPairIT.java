package io.ipvsd.vrrplab;

import static io.ipvsd.vrrplab.Scenario.VIP_98;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two ipvsd nodes, no keepalived: election, kill -9 failover, a restart that stays backup, SIGTERM handover. */
class IpvsdPairIT {
    private static final String SCENARIO = "ipvsd(100) with ipvsd(95)";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void electionKillNineFailoverAndSigtermHandover() {
        VrrpInstance a = VrrpInstance.of("VI_1", 98, 100, VIP_98);
        VrrpInstance b = a.withPriority(95);
        try (Lab lab = Lab.create("ipvsd-pair", 3)) {
            IpvsdNode nodeA = IpvsdNode.start(lab, 0, "ipvsd-A", a);
            IpvsdNode nodeB = IpvsdNode.start(lab, 1, "ipvsd-B", b);
            Adverts wire = Adverts.capture(lab, 2);
            Vips vips = new Vips(nodeA, nodeB);

            vips.awaitOnlyOn(nodeA, VIP_98, Scenario.ELECTION);
            vips.holdsFor("B stays backup", Scenario.LONGER_THAN_MASTER_DOWN, s -> s.onlyOn(nodeA, VIP_98));
            VrrpStatus statusB = nodeB.status();
            assertEquals("BACKUP", statusB.state("VI_1"), statusB::toString);
            assertEquals(nodeA.address(), statusB.master("VI_1"), statusB::toString);

            wire.awaitRecentFrom(nodeA.address(), 98);
            long killed = nodeA.kill9();
            long taken = vips.await(VIP_98 + " on B", Duration.ofSeconds(10), s -> s.has(nodeB, VIP_98));
            Scenario.recordWithin(SCENARIO, "kill -9 A -> VIP on B", killed, taken, Scenario.failoverBound(b));
            Scenario.record(SCENARIO, "last advert A -> VIP on B", wire.lastBefore(killed, nodeA.address(), 98).nanos(), taken);

            nodeA.start();
            vips.awaitOnlyOn(nodeB, VIP_98, Duration.ofSeconds(10));
            vips.holdsFor("nopreempt: restarted A stays backup", Scenario.LONGER_THAN_MASTER_DOWN, s -> s.onlyOn(nodeB, VIP_98));
            assertEquals("BACKUP", nodeA.status().state("VI_1"));

            long stopped = nodeB.terminate();
            Adverts.Advert resign = wire.await("priority 0 from B", stopped, Duration.ofSeconds(3),
                    adv -> adv.source().equals(nodeB.address()) && adv.vrid() == 98 && adv.priority() == 0);
            long handed = vips.awaitOnlyOn(nodeA, VIP_98, Duration.ofSeconds(5));
            Scenario.recordWithin(SCENARIO, "SIGTERM B -> VIP only on A", stopped, handed, 1.5);
            Scenario.record(SCENARIO, "priority 0 from B -> VIP only on A", resign.nanos(), handed);
            assertEquals(0, nodeB.exitValue(), "ipvsd exits 0 on SIGTERM");
        }
    }
}
