package io.ipvsd.kerneltest.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 acceptance: the daemon puts right what is changed behind its back (IPVS, sysctls,
 * timeouts, its nf_tables table) within about two intervals, and leaves alone the services and
 * tables it does not own.
 */
@Tag("kernel")
class DriftKernelTest {
    private static final String INTERVAL = "1s";
    /** Two intervals, plus room for a JVM on an emulated CPU that shares a busy host. */
    private static final Duration HEAL = Duration.ofSeconds(2 * 1 + 8);

    static final String FIREWALL = """
            [[service]]
            name = "marked"
            fwmark = 1
            scheduler = "rr"
              [[service.real]]
              address = "10.77.2.11"
              method = "nat"
            [[mark]]
            fwmark = 1
            address = "10.77.0.20"
            protocol = "tcp"
            ports = [80, 443]
            exclude_source_macs = ["52:54:00:12:34:56"]
            [[masquerade]]
            out_interface = "br1"
            """;
    static final Set<String> FIREWALL_RULES = Set.of("-A -f 1 -s rr", "-a -f 1 -r 10.77.2.11:0 -m -w 1");
    static final String SERVICES = """
            [[service]]
            name = "spread"
            protocol = "tcp"
            address = "10.77.0.10"
            port = 80
            scheduler = "rr"
              [[service.real]]
              address = "10.77.2.11"
              method = "nat"
              [[service.real]]
              address = "10.77.2.12"
              method = "nat"
            """;
    static final String STICKY = """
            [[service]]
            name = "sticky"
            protocol = "tcp"
            address = "10.77.0.11"
            port = 80
            scheduler = "rr"
            persistence = { timeout = 300 }
              [[service.real]]
              address = "10.77.2.11"
              method = "nat"
            """;
    static final Set<String> SPREAD_RULES = Set.of(
            "-A -t 10.77.0.10:80 -s rr",
            "-a -t 10.77.0.10:80 -r 10.77.2.11:80 -m -w 1",
            "-a -t 10.77.0.10:80 -r 10.77.2.12:80 -m -w 1");
    static final Set<String> STICKY_RULES = Set.of(
            "-A -t 10.77.0.11:80 -s rr -p 300",
            "-a -t 10.77.0.11:80 -r 10.77.2.11:80 -m -w 1");

    private DirectorLab lab;

    @BeforeEach
    void network() {
        lab = DirectorLab.create("10.77.0.10", "10.77.0.11", "10.77.0.20");
        lab.addServer("rs1", "10.77.2.11", 80);
        lab.addServer("rs2", "10.77.2.12", 80);
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    @Test
    void driftIsHealedWithinTwoIntervals() {
        lab.writeConfig(lab.daemonSection(INTERVAL) + """
                [sysctl]
                "net.ipv4.ip_forward" = 1
                [ipvs.timeouts]
                tcp = "900s"
                tcp_fin = "120s"
                udp = "300s"
                """ + SERVICES + STICKY + FIREWALL);
        Set<String> rules = union(SPREAD_RULES, STICKY_RULES, FIREWALL_RULES);
        lab.startDaemon();
        lab.awaitRules(DirectorLab.START_TIMEOUT, "first start", rules);
        String nft = Await.until(Duration.ofSeconds(10), "ipvsd's nf_tables table", lab::nftTable,
                t -> t.contains("masquerade"), lab::context);

        heal("ipvsadm -C", rules, "ipvsadm", "-C");
        heal("a real server deleted", rules, "ipvsadm", "-d", "-t", "10.77.0.10:80", "-r", "10.77.2.11:80");
        heal("a weight edited", rules, "ipvsadm", "-e", "-t", "10.77.0.10:80", "-r", "10.77.2.12:80", "-m", "-w", "7");
        heal("scheduler and persistence edited", rules, "ipvsadm", "-E", "-t", "10.77.0.11:80", "-s", "wlc");
        heal("a real server added by hand", rules, "ipvsadm", "-a", "-t", "10.77.0.10:80", "-r", "10.77.2.13:80", "-m");

        lab.inDirector("sysctl", "-q", "-w", "net.ipv4.ip_forward=0");
        long t0 = System.nanoTime();
        Await.until(HEAL, "net.ipv4.ip_forward back to 1",
                () -> lab.inDirector("sysctl", "-n", "net.ipv4.ip_forward").stdout().trim(), "1"::equals, lab::context);
        Timing.log("healed: sysctl", t0);

        lab.inDirector("ipvsadm", "--set", "1", "2", "3");
        t0 = System.nanoTime();
        Await.until(HEAL, "timeouts back to 900 120 300", () -> lab.inDirector("ipvsadm", "-Ln", "--timeout").stdout(),
                s -> s.contains("900 120 300"), lab::context);
        Timing.log("healed: timeouts", t0);

        healNft("nft flush ruleset", nft, "nft", "flush", "ruleset");
        healNft("its table deleted", nft, "nft", "delete", "table", "inet", "ipvsd");
        healNft("a rule added to its chain", nft, "nft", "add", "rule", "inet", "ipvsd", "prerouting", "meta", "mark", "set", "7");
        healNft("an excluded MAC removed", nft, "nft", "delete", "element", "inet", "ipvsd", "fwmark1_excl",
                "{", "52:54:00:12:34:56", "}");

        // Healed state serves again.
        assertEquals(2, DirectorLab.count(lab.get("10.77.0.10", 80, 4)).size());
    }

    @Test
    void foreignServicesSurviveUnlessExclusive() {
        lab.inDirector("sh", "-c", "ipvsadm -A -t 10.77.0.99:80 -s wlc && ipvsadm -a -t 10.77.0.99:80 -r 10.77.2.12:80 -m -w 5"
                + " && nft add table inet foreign && nft add chain inet foreign input '{ type filter hook input priority 0; }'"
                + " && nft add rule inet foreign input tcp dport 22 counter");
        String foreignTable = lab.inDirector("nft", "list", "table", "inet", "foreign").stdout();
        Set<String> foreign = Set.of("-A -t 10.77.0.99:80 -s wlc", "-a -t 10.77.0.99:80 -r 10.77.2.12:80 -m -w 5");
        String daemon = lab.daemonSection(INTERVAL);
        lab.writeConfig(daemon + "[sysctl]\n\"net.ipv4.ip_forward\" = 1\n" + SERVICES + STICKY);
        lab.startDaemon();
        lab.awaitRules(DirectorLab.START_TIMEOUT, "first start next to a foreign service", union(SPREAD_RULES, STICKY_RULES, foreign));

        // One more foreign service, added while the daemon runs: it stays over several ticks.
        lab.inDirector("ipvsadm", "-A", "-u", "10.77.0.98:53", "-s", "rr");
        Set<String> all = union(SPREAD_RULES, STICKY_RULES, foreign, Set.of("-A -u 10.77.0.98:53 -s rr"));
        Await.holds(Duration.ofSeconds(4), "foreign services are left alone", lab::ipvsadmRules, all::equals, lab::context);

        // A service of ipvsd's that leaves the file is deleted; the foreign ones still stay.
        lab.writeConfig(daemon + "[sysctl]\n\"net.ipv4.ip_forward\" = 1\n" + SERVICES);
        lab.awaitRules(HEAL, "the sticky service, removed from the file, is deleted",
                union(SPREAD_RULES, foreign, Set.of("-A -u 10.77.0.98:53 -s rr")));

        // exclusive = true: the whole table is ipvsd's.
        lab.writeConfig(daemon.replace("[daemon]\n", "[daemon]\nexclusive = true\n") + "[sysctl]\n\"net.ipv4.ip_forward\" = 1\n"
                + SERVICES);
        lab.awaitRules(HEAL, "with exclusive = true, foreign services are deleted", SPREAD_RULES);
        // exclusive is about IPVS: other nf_tables tables are never ipvsd's.
        assertEquals(foreignTable, lab.inDirector("nft", "list", "table", "inet", "foreign").stdout());
    }

    private void healNft(String what, String table, String... drift) {
        lab.inDirector(drift);
        long t0 = System.nanoTime();
        Await.until(HEAL, "healed: " + what, lab::nftTable, table::equals, lab::context);
        Timing.log("healed: " + what, t0);
    }

    private void heal(String what, Set<String> rules, String... drift) {
        lab.inDirector(drift);
        long t0 = System.nanoTime();
        lab.awaitRules(HEAL, "healed: " + what, rules);
        Timing.log("healed: " + what, t0);
    }

    @SafeVarargs
    static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return all;
    }
}
