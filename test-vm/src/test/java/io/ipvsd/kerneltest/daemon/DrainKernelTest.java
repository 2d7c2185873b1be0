package io.ipvsd.kerneltest.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 acceptance, graceful drain: a real server removed from the file while a client holds a
 * connection to it stays with weight 0 (new connections go elsewhere, the old one keeps working),
 * and is deleted once the connection has closed.
 */
@Tag("kernel")
class DrainKernelTest {
    private static final Duration TICKS = Duration.ofSeconds(12);

    private DirectorLab lab;

    @BeforeEach
    void network() {
        lab = DirectorLab.create("10.77.0.10");
        lab.addServer("rs1", "10.77.2.11", 80);
        lab.addServer("rs2", "10.77.2.12", 80);
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    private static String config(DirectorLab lab, String... reals) {
        StringBuilder s = new StringBuilder(lab.daemonSection("1s")).append("""
                drain_timeout = "300s"
                [sysctl]
                "net.ipv4.ip_forward" = 1
                [[service]]
                protocol = "tcp"
                address = "10.77.0.10"
                port = 80
                scheduler = "rr"
                """);
        for (String r : reals) {
            s.append("  [[service.real]]\n  address = \"").append(r).append("\"\n  method = \"nat\"\n");
        }
        return s.toString();
    }

    @Test
    void removedServerDrainsUntilItsLastConnectionCloses() {
        lab.writeConfig(config(lab, "10.77.2.11", "10.77.2.12"));
        lab.startDaemon();
        lab.awaitRules(DirectorLab.START_TIMEOUT, "first start", Set.of("-A -t 10.77.0.10:80 -s rr",
                "-a -t 10.77.0.10:80 -r 10.77.2.11:80 -m -w 1", "-a -t 10.77.0.10:80 -r 10.77.2.12:80 -m -w 1"));

        String remaining;
        try (DirectorLab.HeldConnection open = lab.hold("10.77.0.10", 80)) {
            // The server the open connection reached is the one to remove.
            Map<String, Integer> active = Await.until(Duration.ofSeconds(10), "one active connection",
                    () -> lab.activeConnections("10.77.0.10", 80), a -> a.values().stream().mapToInt(i -> i).sum() == 1,
                    lab::context);
            String busy = active.entrySet().stream().filter(e -> e.getValue() == 1).findFirst().orElseThrow().getKey();
            String busyAddress = busy.substring(0, busy.indexOf(':'));
            String other = busyAddress.equals("10.77.2.11") ? "10.77.2.12" : "10.77.2.11";
            String otherName = other.equals("10.77.2.11") ? "rs1" : "rs2";
            remaining = other;

            lab.writeConfig(config(lab, other));
            long t0 = System.nanoTime();
            Set<String> draining = Set.of("-A -t 10.77.0.10:80 -s rr", "-a -t 10.77.0.10:80 -r " + busy + " -m -w 0",
                    "-a -t 10.77.0.10:80 -r " + other + ":80 -m -w 1");
            lab.awaitRules(TICKS, "the removed server with an open connection is quiesced (weight 0), not deleted", draining);
            Timing.log("drain: weight 0 after the file changed", t0);

            // New connections avoid it; it stays while the connection is open.
            List<String> answers = lab.get("10.77.0.10", 80, 4);
            assertEquals(Map.of(otherName, 4L), DirectorLab.count(answers), answers.toString());
            Await.holds(Duration.ofSeconds(3), "the draining server stays while its connection is open", lab::ipvsadmRules,
                    draining::equals, lab::context);
            assertEquals(1, lab.activeConnections("10.77.0.10", 80).get(busy));
        }

        long t0 = System.nanoTime();
        lab.awaitRules(TICKS, "the drained server is deleted once its connection closed",
                Set.of("-A -t 10.77.0.10:80 -s rr", "-a -t 10.77.0.10:80 -r " + remaining + ":80 -m -w 1"));
        Timing.log("drain: deleted after the connection closed", t0);
    }
}
