package io.ipvsd.kerneltest.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 acceptance: health checks drive the IPVS table. A real server whose HTTP server stops
 * leaves within fall x interval (clients keep getting answers from the others) and returns when it
 * is back; with every real server down the sorry server serves; inhibit_on_failure keeps a failed
 * server with weight 0 instead.
 */
@Tag("kernel")
class HealthCheckKernelTest {
    private static final int INTERVAL_S = 1;
    private static final int FALL = 2;
    /** fall x interval, one check timeout, one tick, and room for a busy emulated CPU. */
    private static final Duration DETECT = Duration.ofSeconds(FALL * INTERVAL_S + 1 + 1 + 8);

    private static final String CONFIG = """
            [sysctl]
            "net.ipv4.ip_forward" = 1

            [[service]]
            name = "checked"
            protocol = "tcp"
            address = "10.77.0.10"
            port = 80
            scheduler = "rr"
            sorry_server = { address = "10.77.2.99", port = 80, method = "nat" }
            health_check = { type = "http", path = "/healthz", interval = "%1$ds", timeout = "1s", fall = %2$d, rise = 1 }
              [[service.real]]
              address = "10.77.2.11"
              method = "nat"
              [[service.real]]
              address = "10.77.2.12"
              method = "nat"
              [[service.real]]
              address = "10.77.2.13"
              method = "nat"

            [[service]]
            name = "inhibited"
            protocol = "tcp"
            address = "10.77.0.11"
            port = 80
            scheduler = "rr"
            inhibit_on_failure = true
            health_check = { type = "tcp", interval = "%1$ds", timeout = "1s", fall = %2$d, rise = 1 }
              [[service.real]]
              address = "10.77.2.11"
              method = "nat"
              [[service.real]]
              address = "10.77.2.12"
              method = "nat"
            """.formatted(INTERVAL_S, FALL);

    private static final String CHECKED = "-A -t 10.77.0.10:80 -s rr";
    private static final String INHIBITED = "-A -t 10.77.0.11:80 -s rr";

    private DirectorLab lab;

    @BeforeEach
    void network() {
        lab = DirectorLab.create("10.77.0.10", "10.77.0.11");
        lab.addServer("rs1", "10.77.2.11", 80);
        lab.addServer("rs2", "10.77.2.12", 80);
        lab.addServer("rs3", "10.77.2.13", 80);
        lab.addServer("sorry", "10.77.2.99", 80);
        lab.writeConfig(lab.daemonSection(INTERVAL_S + "s") + CONFIG);
        lab.startDaemon();
        lab.awaitRules(DirectorLab.START_TIMEOUT, "first start, every server up", rules(
                real("10.77.0.10", "10.77.2.11", 1), real("10.77.0.10", "10.77.2.12", 1), real("10.77.0.10", "10.77.2.13", 1),
                real("10.77.0.11", "10.77.2.11", 1), real("10.77.0.11", "10.77.2.12", 1)));
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    /** One daemon for the whole story: each start of it costs seconds of emulated CPU. */
    @Test
    void healthChecksDriveThePool() {
        // One server fails: out of 'checked', weight 0 in 'inhibited'; the others keep answering.
        lab.server("rs1").stop();
        long t0 = System.nanoTime();
        lab.awaitRules(DETECT, "rs1 down: out of 'checked', weight 0 in 'inhibited'", rules(
                real("10.77.0.10", "10.77.2.12", 1), real("10.77.0.10", "10.77.2.13", 1),
                real("10.77.0.11", "10.77.2.11", 0), real("10.77.0.11", "10.77.2.12", 1)));
        Timing.log("health: failed server out of the table (fall " + FALL + " x interval " + INTERVAL_S + " s)", t0);
        List<String> answers = lab.get("10.77.0.10", 80, 6);
        assertEquals(Map.of("rs2", 3L, "rs3", 3L), DirectorLab.count(answers), answers.toString());
        answers = lab.get("10.77.0.11", 80, 3);
        assertEquals(Map.of("rs2", 3L), DirectorLab.count(answers), answers.toString());

        // It comes back (rise 1) in both.
        lab.server("rs1").start();
        t0 = System.nanoTime();
        lab.awaitRules(DETECT, "rs1 back in both services", rules(
                real("10.77.0.10", "10.77.2.11", 1), real("10.77.0.10", "10.77.2.12", 1), real("10.77.0.10", "10.77.2.13", 1),
                real("10.77.0.11", "10.77.2.11", 1), real("10.77.0.11", "10.77.2.12", 1)));
        Timing.log("health: recovered server back (rise 1)", t0);
        answers = lab.get("10.77.0.10", 80, 6);
        assertEquals(Map.of("rs1", 2L, "rs2", 2L, "rs3", 2L), DirectorLab.count(answers), answers.toString());

        // All fail: the sorry server alone serves 'checked'; 'inhibited' keeps both at weight 0.
        for (String rs : List.of("rs1", "rs2", "rs3")) {
            lab.server(rs).stop();
        }
        t0 = System.nanoTime();
        lab.awaitRules(DETECT, "all down: the sorry server alone in 'checked'", rules(
                real("10.77.0.10", "10.77.2.99", 1),
                real("10.77.0.11", "10.77.2.11", 0), real("10.77.0.11", "10.77.2.12", 0)));
        Timing.log("health: sorry server in", t0);
        answers = lab.get("10.77.0.10", 80, 3);
        assertEquals(Map.of("sorry", 3L), DirectorLab.count(answers), answers.toString());

        // One comes back: the sorry server leaves.
        lab.server("rs2").start();
        t0 = System.nanoTime();
        lab.awaitRules(DETECT, "rs2 back: the sorry server leaves", rules(
                real("10.77.0.10", "10.77.2.12", 1),
                real("10.77.0.11", "10.77.2.11", 0), real("10.77.0.11", "10.77.2.12", 1)));
        Timing.log("health: sorry server out again", t0);
        answers = lab.get("10.77.0.10", 80, 3);
        assertEquals(Map.of("rs2", 3L), DirectorLab.count(answers), answers.toString());
    }

    private static String real(String vip, String rs, int weight) {
        return "-a -t " + vip + ":80 -r " + rs + ":80 -m -w " + weight;
    }

    private static Set<String> rules(String... reals) {
        Set<String> r = new TreeSet<>(Set.of(CHECKED, INHIBITED));
        r.addAll(List.of(reals));
        return r;
    }
}
