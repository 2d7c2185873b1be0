package io.ipvsd.kerneltest.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 acceptance: a file that fails to load (on a change or on SIGHUP) changes nothing in the
 * kernel; the daemon keeps the last good config, and {@code ipvsctl status} says the file was
 * rejected and why. The next good file is applied.
 */
@Tag("kernel")
class ReloadKernelTest {
    private static final Duration TICKS = Duration.ofSeconds(12);
    private static final String SERVICE = """
            [sysctl]
            "net.ipv4.ip_forward" = 1
            [[service]]
            protocol = "tcp"
            address = "10.77.0.10"
            port = 80
            scheduler = "%s"
              [[service.real]]
              address = "10.77.2.11"
              method = "nat"
              [[service.real]]
              address = "10.77.2.12"
              method = "nat"
              %s
            """;

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

    @Test
    void badFileIsRejectedAndTheRunningStateKept() {
        String daemon = lab.daemonSection("1s");
        lab.writeConfig(daemon + SERVICE.formatted("rr", ""));
        Set<String> good = Set.of("-A -t 10.77.0.10:80 -s rr", "-a -t 10.77.0.10:80 -r 10.77.2.11:80 -m -w 1",
                "-a -t 10.77.0.10:80 -r 10.77.2.12:80 -m -w 1");
        lab.startDaemon();
        lab.awaitRules(DirectorLab.START_TIMEOUT, "first start", good);

        // Two errors, one of which would also change the scheduler: nothing of it may reach the kernel.
        lab.writeConfig(daemon + SERVICE.formatted("wlc", "weight = 70000\n  wieght = 1"));
        long t0 = System.nanoTime();
        DirectorLab.CliRun status = Await.until(TICKS, "ipvsctl status reports the rejected file", this::status,
                s -> s.stdout().contains("REJECTED"), lab::context);
        Timing.log("reload: rejection visible in ipvsctl status", t0);
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.stdout().contains("(generation 1)"), status.stdout());
        assertTrue(status.stdout().contains("service.real.weight: must be in 0..65535, got 70000"), status.stdout());
        assertTrue(status.stdout().contains("service.real.wieght: unknown key"), status.stdout());
        Await.holds(Duration.ofSeconds(3), "the kernel keeps the last good config", lab::ipvsadmRules, good::equals,
                lab::context);

        // SIGHUP re-reads the same bad file: still rejected, still unchanged, still serving.
        lab.inDirector("kill", "-HUP", Long.toString(lab.daemon().pid()));
        Await.holds(Duration.ofSeconds(3), "SIGHUP with a bad file changes nothing", lab::ipvsadmRules, good::equals,
                lab::context);
        assertTrue(lab.daemon().alive(), lab::context);
        assertTrue(status().stdout().contains("REJECTED"));
        assertEquals(2, DirectorLab.count(lab.get("10.77.0.10", 80, 4)).size());

        // The next good file is applied, and the rejection is cleared.
        lab.writeConfig(daemon + SERVICE.formatted("wlc", ""));
        lab.awaitRules(TICKS, "the next good file is applied", Set.of("-A -t 10.77.0.10:80 -s wlc",
                "-a -t 10.77.0.10:80 -r 10.77.2.11:80 -m -w 1", "-a -t 10.77.0.10:80 -r 10.77.2.12:80 -m -w 1"));
        DirectorLab.CliRun after = Await.until(TICKS, "status shows generation 2", this::status,
                s -> s.stdout().contains("(generation 2)"), lab::context);
        assertFalse(after.stdout().contains("REJECTED"), after.stdout());
    }

    private DirectorLab.CliRun status() {
        return lab.ipvsctl("status", "--socket", lab.controlSocket().toString());
    }
}
