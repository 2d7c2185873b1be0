package io.ipvsd.vrrplab;

import static io.ipvsd.vrrplab.Scenario.VIP_98;
import static io.ipvsd.vrrplab.Scenario.VIP_99;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two instances with crossed priorities (VRID 98: ipvsd 100 / keepalived 95; VRID 99 the reverse): one master each.
 * Without nopreempt: with it, whichever node starts first keeps both VIPs (keepalived does the same).
 */
class DualMasterIT {
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void eachNodeIsMasterOfOneVip() {
        VrrpInstance vi1 = VrrpInstance.of("VI_1", 98, 100, VIP_98).withNopreempt(false);
        VrrpInstance vi2 = VrrpInstance.of("VI_2", 99, 95, VIP_99).withNopreempt(false);
        try (Lab lab = Lab.create("dual-master", 2)) {
            IpvsdNode ipvsd = IpvsdNode.start(lab, 0, "ipvsd-A", vi1, vi2);
            KeepalivedNode keepalived = KeepalivedNode.start(lab, 1, "ka-B", vi1.withPriority(95), vi2.withPriority(100));
            Vips vips = new Vips(ipvsd, keepalived);

            vips.await(VIP_98 + " only on ipvsd and " + VIP_99 + " only on keepalived", Scenario.ELECTION,
                    s -> s.onlyOn(ipvsd, VIP_98) && s.onlyOn(keepalived, VIP_99));
            vips.holdsFor("one master each", Scenario.LONGER_THAN_MASTER_DOWN,
                    s -> s.onlyOn(ipvsd, VIP_98) && s.onlyOn(keepalived, VIP_99));
            VrrpStatus status = ipvsd.status();
            assertEquals("MASTER", status.state("VI_1"), status::toString);
            assertEquals("BACKUP", status.state("VI_2"), status::toString);
            assertEquals(keepalived.address(), status.master("VI_2"), status::toString);
        }
    }
}
