package io.ipvsd.kerneltest.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 acceptance: stopping the daemon (SIGTERM) leaves the kernel serving as it was, and a
 * daemon killed in the middle of an apply converges when started again, owning what the dead one
 * created (a service it made and the new file drops is deleted).
 */
@Tag("kernel")
class StopAndCrashKernelTest {
    /**
     * Services in the crash test, 3 operations each: the daemon sends at most 512 operations per
     * netlink exchange, so several exchanges, with a moment between them to be killed in.
     */
    private static final int MANY = 200;

    private DirectorLab lab;

    private void network(String... vips) {
        lab = DirectorLab.create(vips);
        lab.addServer("rs1", "10.77.2.11", 80);
        lab.addServer("rs2", "10.77.2.12", 80);
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void stoppedDaemonLeavesTheKernelServing() {
        network(FirstStartKernelTest.VIPS);
        lab.addServer("rs3", "10.77.2.13", 80);
        lab.writeConfig(lab.daemonSection("1s") + FirstStartKernelTest.CONFIG);
        lab.startDaemon();
        lab.awaitRules(DirectorLab.START_TIMEOUT, "first start", FirstStartKernelTest.RULES);
        String timeouts = lab.inDirector("ipvsadm", "-Ln", "--timeout").stdout();
        String nft = Await.until(Duration.ofSeconds(10), "ipvsd's nf_tables table", this::ruleset,
                t -> t.contains("masquerade"), lab::context);

        long t0 = System.nanoTime();
        int code = lab.daemon().terminate(Duration.ofSeconds(10));
        Timing.log("SIGTERM to exit", t0);
        // SIGTERM ends the loop, not the JVM: a clean stop, status 0.
        assertEquals(0, code, "exit code " + code + "\n" + lab.context());

        assertEquals(new TreeSet<>(FirstStartKernelTest.RULES), lab.ipvsadmRules());
        assertEquals(timeouts, lab.inDirector("ipvsadm", "-Ln", "--timeout").stdout());
        assertEquals(nft, ruleset());
        assertEquals("1", lab.inDirector("sysctl", "-n", "net.ipv4.ip_forward").stdout().trim());
        List<String> answers = lab.get("10.77.0.10", 80, 6);
        assertEquals(Map.of("rs1", 2L, "rs2", 2L, "rs3", 2L), DirectorLab.count(answers), answers.toString());
        answers = lab.get("10.77.0.20", 80, 4);
        assertEquals(Map.of("rs1", 2L, "rs2", 2L), DirectorLab.count(answers), "the mark rule still feeds FWM 1: " + answers);
    }

    @Test
    void killedMidApplyRestartConverges() {
        network();
        lab.writeConfig(lab.daemonSection("1s") + "[sysctl]\n\"net.ipv4.ip_forward\" = 1\n" + services(0, MANY));
        IpvsdProcess first = lab.startDaemon();
        // Kill it as soon as its first service shows, from a loop inside the VM that polls /proc/net/ip_vs
        // with bash builtins only (no process per look, every 2 ms): mid-apply. The JVM's start under
        // emulation on a busy host has taken over a minute, so the loop is bounded by time (SECONDS).
        lab.inDirector(Duration.ofSeconds(330), "bash", "-c", "exec 9<> <(:)\n"
                + "while ((SECONDS < 300)); do\n"
                + "  while read -r proto _; do [[ $proto == TCP ]] && exec kill -9 " + first.pid() + "; done < /proc/net/ip_vs\n"
                + "  read -t 0.002 -u 9 _\n"
                + "done\n"
                + "echo 'no service within 300 s' >&2; exit 1\n");
        first.kill9();
        Set<String> seen = lab.ipvsadmRules();
        System.out.printf("  [info] killed with %d of %d services and %d of %d real servers in the kernel%n",
                seen.stream().filter(l -> l.startsWith("-A")).count(), MANY, seen.stream().filter(l -> l.startsWith("-a")).count(),
                2 * MANY);
        long services = seen.stream().filter(l -> l.startsWith("-A")).count();
        assertTrue(services > 0 && services < MANY, "the kill was meant to land between two netlink exchanges of the first"
                + " apply, but " + services + " of " + MANY + " services were in the kernel\n" + lab.context());

        // The next run's file drops the first half and adds one: what the dead daemon created is still its to delete.
        String next = services(MANY / 2, MANY + 1);
        lab.writeConfig(lab.daemonSection("1s") + "[sysctl]\n\"net.ipv4.ip_forward\" = 1\n" + next);
        long t0 = System.nanoTime();
        lab.startDaemon();
        lab.awaitRules(Duration.ofSeconds(90), "the restarted daemon converges", rules(MANY / 2, MANY + 1));
        Timing.log("restart after kill -9: converged", t0);
    }

    /** {@code nft list ruleset} without the counters' values. */
    private String ruleset() {
        return lab.inDirector("nft", "list", "ruleset").stdout().replaceAll("counter packets \\d+ bytes \\d+", "counter");
    }

    /** Services i in [from, to): TCP 10.78.(i/200).(i%200+1):80, rr, two NAT real servers. */
    private static String services(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            s.append("[[service]]\nprotocol = \"tcp\"\naddress = \"").append(vip(i)).append("\"\nport = 80\nscheduler = \"rr\"\n")
                    .append("  [[service.real]]\n  address = \"10.77.2.11\"\n  method = \"nat\"\n")
                    .append("  [[service.real]]\n  address = \"10.77.2.12\"\n  method = \"nat\"\n");
        }
        return s.toString();
    }

    private static Set<String> rules(int from, int to) {
        Set<String> r = new TreeSet<>();
        for (int i = from; i < to; i++) {
            String vs = "-t " + vip(i) + ":80";
            r.add("-A " + vs + " -s rr");
            r.add("-a " + vs + " -r 10.77.2.11:80 -m -w 1");
            r.add("-a " + vs + " -r 10.77.2.12:80 -m -w 1");
        }
        return r;
    }

    private static String vip(int i) {
        return "10.78." + (i / 200) + "." + (i % 200 + 1);
    }
}
