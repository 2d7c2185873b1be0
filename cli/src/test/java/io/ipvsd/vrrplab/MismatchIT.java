package io.ipvsd.vrrplab;

import static io.ipvsd.vrrplab.Scenario.VIP_98;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A password or advert_int that differs from keepalived's: each side drops the other's adverts
 * (vrrp-facts.md §1.9). ipvsd must count the drops by reason and warn; keepalived's log shows it
 * received ipvsd's adverts and rejected them for the same reason.
 */
class MismatchIT {
    private static final VrrpInstance IPVSD = VrrpInstance.of("VI_1", 98, 100, VIP_98);

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void passwordMismatchIsCountedAndWarned() {
        try (Lab lab = Lab.create("mismatch-password", 2)) {
            IpvsdNode ipvsd = IpvsdNode.start(lab, 0, "ipvsd-A", IPVSD);
            KeepalivedNode keepalived = KeepalivedNode.start(lab, 1, "ka-B", IPVSD.withPriority(95).withAuthPass("12345678"));

            VrrpStatus status = ipvsd.awaitStatus("dropped.auth_password > 0 and a warning naming the peer",
                    Duration.ofSeconds(15), s -> s.dropped("VI_1", "auth_password") > 0
                            && s.warnings("VI_1").stream().anyMatch(w -> w.contains(keepalived.address())));
            assertTrue(status.warnings("VI_1").stream().anyMatch(w -> w.contains("auth_password")), status::toString);
            assertTrue(ipvsd.logContains("(VI_1) received an invalid passwd!"), Shell.tail(ipvsd.log(), 20));
            assertTrue(keepalived.logContains("(VI_1) received an invalid passwd!"),
                    "keepalived got ipvsd's PASS adverts:\n" + Shell.tail(keepalived.log(), 20));
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void advertIntervalMismatchIsCountedAndWarned() {
        try (Lab lab = Lab.create("mismatch-interval", 2)) {
            IpvsdNode ipvsd = IpvsdNode.start(lab, 0, "ipvsd-A", IPVSD);
            KeepalivedNode keepalived = KeepalivedNode.start(lab, 1, "ka-B", IPVSD.withPriority(95).withAdvertSeconds(2));

            VrrpStatus status = ipvsd.awaitStatus("dropped.interval > 0 and a warning naming the peer",
                    Duration.ofSeconds(20), s -> s.dropped("VI_1", "interval") > 0
                            && s.warnings("VI_1").stream().anyMatch(w -> w.contains(keepalived.address())));
            assertTrue(status.warnings("VI_1").stream().anyMatch(w -> w.contains("(interval)")), status::toString);
            assertTrue(ipvsd.logContains("(VI_1) advertisement interval mismatch mine=1 sec rcv'd=2 sec"),
                    Shell.tail(ipvsd.log(), 20));
            assertTrue(keepalived.logContains("(VI_1) advertisement interval mismatch mine=2 sec rcv'd=1 sec"),
                    "keepalived got ipvsd's 1 s adverts:\n" + Shell.tail(keepalived.log(), 20));
        }
    }
}
