package io.ipvsd.vrrplab;

import static io.ipvsd.vrrplab.Scenario.VIP_98;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SIGTERM of the ipvsd master: priority 0 on the wire, keepalived takes over after its skew, the VIP leaves. */
class IpvsdGracefulStopIT {
    private static final String SCENARIO = "SIGTERM ipvsd(100) master, keepalived(95)";
    /** keepalived's skew at priority 95 is 0.629 s; 1.5 s leaves room for polling, far below 3.6 s. */
    private static final double HANDOVER_BOUND_SECONDS = 1.5;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void sigtermSendsPriorityZeroAndKeepalivedTakesOverWithinItsSkew() {
        VrrpInstance ipvsdConfig = VrrpInstance.of("VI_1", 98, 100, VIP_98);
        try (Lab lab = Lab.create("ipvsd-sigterm", 3)) {
            IpvsdNode ipvsd = IpvsdNode.start(lab, 0, "ipvsd-A", ipvsdConfig);
            KeepalivedNode keepalived = KeepalivedNode.start(lab, 1, "ka-B", ipvsdConfig.withPriority(95));
            Adverts wire = Adverts.capture(lab, 2);
            Vips vips = new Vips(ipvsd, keepalived);
            vips.awaitOnlyOn(ipvsd, VIP_98, Scenario.ELECTION);
            vips.holdsFor("keepalived stays backup", Duration.ofMillis(1_500), s -> s.onlyOn(ipvsd, VIP_98));

            long stopped = ipvsd.terminate();
            Adverts.Advert resign = wire.await("priority 0 from ipvsd", stopped, Duration.ofSeconds(3),
                    a -> a.source().equals(ipvsd.address()) && a.vrid() == 98 && a.priority() == 0);
            long taken = vips.awaitOnlyOn(keepalived, VIP_98, Duration.ofSeconds(5));
            Scenario.recordWithin(SCENARIO, "SIGTERM -> VIP only on ka", stopped, taken, HANDOVER_BOUND_SECONDS);
            Scenario.record(SCENARIO, "priority 0 on the wire -> VIP only on ka", resign.nanos(), taken);
            assertEquals(0, ipvsd.exitValue(), "ipvsd exits 0 on SIGTERM");
        }
    }
}
