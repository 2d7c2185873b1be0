package io.ipvsd.kerneltest.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * VRRP tied to IPVS, with the real kernel: the connection-sync daemon follows the instance across a
 * failover, and a node whose tracked service has no real server up hands the VIP to its peer.
 */
@Tag("kernel")
class VrrpDirectorsKernelTest {
    /**
     * Under TCG on a busy host the first daemon start of a run took 26-53 s (measured), a first
     * pass a few more; VRRP's own times are 3 x 1 s + skew.
     */
    private static final Duration TAKEOVER = Duration.ofSeconds(120);

    private static String director(int priority, String realServer, boolean trackService) {
        return """
                [ipvs.sync_daemon]
                vrrp_instance = "VI_1"
                interface = "eth0"
                syncid = 78

                [[vrrp_instance]]
                name = "VI_1"
                interface = "eth0"
                virtual_router_id = 78
                priority = %d
                advert_int = "1s"
                virtual_ipaddress = ["%s/24"]
                %s

                [[service]]
                name = "web"
                protocol = "tcp"
                address = "%s"
                port = 80
                scheduler = "rr"
                health_check = { type = "tcp", interval = "1s", timeout = "1s", fall = 2, rise = 1 }
                  [[service.real]]
                  address = "%s"
                  method = "dr"
                """.formatted(priority, TwoDirectorsLab.VIP, trackService ? "track_service = [\"web\"]" : "",
                TwoDirectorsLab.VIP, realServer);
    }

    @Test
    void syncDaemonFollowsTheVipAcrossAFailover() {
        try (TwoDirectorsLab lab = new TwoDirectorsLab()) {
            IpvsdProcess a = lab.start(lab.dirA, director(100, "10.78.0.11", false));
            Await.until(TAKEOVER, "dirA is master and runs the master sync daemon",
                    () -> lab.holdsVip(lab.dirA) && lab.syncDaemons(lab.dirA).contains("master sync daemon (mcast=eth0, syncid=78"),
                    ok -> ok, lab::context);
            lab.start(lab.dirB, director(95, "10.78.0.11", false));
            Await.until(TAKEOVER, "dirB is backup and runs the backup sync daemon",
                    () -> lab.syncDaemons(lab.dirB).contains("backup sync daemon (mcast=eth0, syncid=78"), ok -> ok, lab::context);
            assertFalse(lab.holdsVip(lab.dirB), lab.context());
            assertFalse(lab.syncDaemons(lab.dirA).contains("backup sync daemon"), lab.context());

            a.kill9();
            Await.until(TAKEOVER, "dirB takes the VIP and switches to the master sync daemon",
                    () -> lab.holdsVip(lab.dirB) && lab.syncDaemons(lab.dirB).contains("master sync daemon (mcast=eth0, syncid=78")
                            && !lab.syncDaemons(lab.dirB).contains("backup sync daemon"), ok -> ok, lab::context);
        }
    }

    @Test
    void trackedServiceWithNoRealServerUpHandsTheVipOver() {
        try (TwoDirectorsLab lab = new TwoDirectorsLab()) {
            lab.start(lab.dirA, director(100, "10.78.0.11", true));
            Await.until(TAKEOVER, "dirA is master", () -> lab.holdsVip(lab.dirA), ok -> ok, lab::context);
            lab.start(lab.dirB, director(95, "10.78.0.12", true));
            Await.until(TAKEOVER, "dirB has started as backup", () -> lab.syncDaemons(lab.dirB).contains("backup sync daemon"),
                    ok -> ok, lab::context);

            lab.stopServing(lab.rs1); // dirA's only real server
            Await.until(TAKEOVER, "dirB, whose pool is alive, takes the VIP from dirA",
                    () -> lab.holdsVip(lab.dirB) && !lab.holdsVip(lab.dirA), ok -> ok, lab::context);
            Await.until(TAKEOVER, "dirB runs the master sync daemon", () -> lab.syncDaemons(lab.dirB).contains("master sync daemon"),
                    ok -> ok, lab::context);
        }
    }
}
