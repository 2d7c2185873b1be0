package io.ipvsd.kerneltest.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import io.ipvsd.daemon.desired.FirewallRules;
import io.ipvsd.kerneltest.FreshNetns;
import io.ipvsd.nft.NftClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ipvsctl doctor (issue 13) against the kernel: each problem made on purpose in a fresh
 * namespace, doctor run in this JVM with --netns, its line and exit 1; and a healthy director
 * with a running daemon, exit 0 until a real server goes down.
 */
@Tag("kernel")
class DoctorKernelTest {
    private static final String NAT_SERVICE = """
            [[service]]
            protocol = "tcp"
            address = "10.9.0.10"
            port = 80
              [[service.real]]
              address = "10.9.1.2"
              method = "nat"
            """;

    @RegisterExtension
    final FreshNetns netns = new FreshNetns();

    @TempDir
    Path dir;

    /** A director: VIP 10.9.0.10 on lo, real-server side 10.9.1.1/24 on a veth; forwarding on, rp_filter off. */
    private void director() {
        netns.exec("sh", "-c", """
                set -e
                ip addr add 10.9.0.10/32 dev lo
                ip link add rs0 type veth peer name rs1
                ip link set rs0 up
                ip addr add 10.9.1.1/24 dev rs0
                sysctl -q -w net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.rs0.rp_filter=0
                ipvsadm -Ln >/dev/null
                """).assertSuccess();
    }

    private DirectorLab.CliRun doctor(String toml) throws IOException {
        Path config = Files.writeString(dir.resolve("ipvsd.toml"), "[daemon]\ncontrol_socket = \"" + dir.resolve("none.sock")
                + "\"\n" + toml);
        return DirectorLab.ipvsctlIn("doctor", "--config", config.toString(), "--netns", netns.path().toString(),
                "--counter-wait", "1");
    }

    private static void assertFinding(DirectorLab.CliRun run, String line) {
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.stdout().lines().anyMatch(line::equals), "no line\n" + line + "\nin\n" + run);
    }

    @Test
    void ipForwardOffWithANatService() throws IOException {
        director();
        netns.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=0").assertSuccess();
        assertFinding(doctor(NAT_SERVICE), "doctor: NAT service TCP 10.9.0.10:80: net.ipv4.ip_forward is 0: replies from real"
                + " servers will not be forwarded; set it in [sysctl] (net.ipv4.ip_forward = 1)");
    }

    @Test
    void conntrackOffWithAnIpvsOnlyMasquerade() throws IOException {
        director();
        netns.exec("sysctl", "-q", "-w", "net.ipv4.vs.conntrack=0").assertSuccess();
        assertFinding(doctor(NAT_SERVICE + "[[masquerade]]\nout_interface = \"rs0\"\nipvs_only = true\n"),
                "doctor: [[masquerade]] with ipvs_only at line 10: net.ipv4.vs.conntrack is 0: IPVS connections get no"
                        + " conntrack entry, so the rule never matches their replies; set it in [sysctl] (net.ipv4.vs.conntrack = 1)");
    }

    @Test
    void strictRpFilter() throws IOException {
        director();
        netns.exec("sysctl", "-q", "-w", "net.ipv4.conf.rs0.rp_filter=1").assertSuccess();
        assertFinding(doctor(NAT_SERVICE), "doctor: NAT service TCP 10.9.0.10:80 real server 10.9.1.2 (on rs0):"
                + " net.ipv4.conf.rs0.rp_filter is 1 (strict): its replies are dropped when they arrive on another interface"
                + " than the route back to it uses; set net.ipv4.conf.rs0.rp_filter = 2 (loose) in [sysctl]");
    }

    @Test
    void aVipOnNoInterface() throws IOException {
        director();
        netns.exec("ip", "addr", "del", "10.9.0.10/32", "dev", "lo").assertSuccess();
        assertFinding(doctor(NAT_SERVICE), "doctor: service TCP 10.9.0.10:80: its address 10.9.0.10 is on no interface: IPVS"
                + " only takes packets addressed to this host; add it as a [[static_ipaddress]], or to a [[vrrp_instance]]'s"
                + " virtual_ipaddress");
    }

    /** ipvsd's own table, written by ipvsd's own code; nothing sends the marked address a packet. */
    @Test
    void aMarkRuleThatNeverMatches() throws IOException {
        director();
        String toml = """
                [[mark]]
                fwmark = 7
                address = "10.9.0.20"
                protocol = "tcp"
                [[service]]
                fwmark = 7
                  [[service.real]]
                  address = "10.9.1.2"
                  method = "nat"
                """;
        LoadResult.Loaded loaded = (LoadResult.Loaded) ConfigLoader.parse(toml, "mark.toml");
        try (NftClient nft = NftClient.open(netns.path())) {
            nft.sync(FirewallRules.from(loaded.config()));
        }
        netns.exec("ipvsadm", "-A", "-f", "7", "-s", "rr").assertSuccess();
        netns.exec("ipvsadm", "-a", "-f", "7", "-r", "10.9.1.2", "-m").assertSuccess();
        assertFinding(doctor(toml), "doctor: [[mark]] fwmark 7 at line 3 (rule fwmark7): its nft counter stayed at 0 while the"
                + " service has real servers: no packet matches it; compare its address, protocol, ports and in_interface with"
                + " the traffic (nft list table inet ipvsd)");
    }

    @Test
    void aLocalDirectRoutingRealServerWithoutArpSysctls() throws IOException {
        director();
        netns.exec("sysctl", "-q", "-w", "net.ipv4.conf.all.arp_ignore=0", "net.ipv4.conf.rs0.arp_ignore=0",
                "net.ipv4.conf.all.arp_announce=0", "net.ipv4.conf.rs0.arp_announce=0").assertSuccess();
        String toml = NAT_SERVICE.replace("10.9.1.2", "10.9.1.1").replace("\"nat\"", "\"dr\"");
        DirectorLab.CliRun run = doctor(toml);
        assertFinding(run, "doctor: DR service TCP 10.9.0.10:80 real server 10.9.1.1 (local, on rs0): net.ipv4.conf.rs0.arp_ignore"
                + " is 0 (the higher of all and rs0): this host answers ARP for the VIP and takes the director's traffic;"
                + " set net.ipv4.conf.all.arp_ignore = 1 (and on rs0)");
        assertFinding(run, "doctor: DR service TCP 10.9.0.10:80 real server 10.9.1.1 (local, on rs0):"
                + " net.ipv4.conf.rs0.arp_announce is 0 (the higher of all and rs0): this host answers ARP for the VIP and takes"
                + " the director's traffic; set net.ipv4.conf.all.arp_announce = 2 (and on rs0)");
        netns.exec("sysctl", "-q", "-w", "net.ipv4.conf.all.arp_ignore=1", "net.ipv4.conf.all.arp_announce=2").assertSuccess();
        DirectorLab.CliRun fixed = doctor(toml);
        assertEquals(0, fixed.exitCode(), fixed.toString());
    }

    @Test
    void aForeignTableDroppingVrrp() throws IOException {
        director();
        Path rules = Files.writeString(dir.resolve("fw.nft"), "table inet filter {\n chain input {\n"
                + "  type filter hook input priority 0;\n  ip protocol vrrp drop\n }\n}\n");
        netns.exec("nft", "-f", rules.toString()).assertSuccess();
        String toml = NAT_SERVICE + """
                [[vrrp_instance]]
                name = "VI_1"
                interface = "rs0"
                virtual_router_id = 51
                virtual_ipaddress = ["10.9.1.100/24"]
                """;
        DirectorLab.CliRun run = doctor(toml);
        assertFinding(run, "doctor: firewall rule inet filter input handle 2: drops IP protocol 112 (VRRP): this node hears no"
                + " adverts and becomes MASTER beside the peer; accept protocol 112 from the peer before that rule"
                + " (nft insert rule ... ip protocol vrrp accept)");
        assertEquals(1, run.stdout().lines().filter(l -> l.startsWith("doctor: firewall")).count(), run.toString());
    }

    /** One daemon (one JVM start): healthy, exit 0; a real server stopped: its line, the service's, exit 1. */
    @Test
    void aRealServerDownWithTheDaemonRunning() {
        try (DirectorLab lab = DirectorLab.create("10.77.0.10")) {
            lab.addServer("rs1", "10.77.2.11", 80);
            lab.director().exec("sysctl", "-q", "-w", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.br1.rp_filter=0")
                    .assertSuccess();
            lab.writeConfig(lab.daemonSection("1s") + """
                    [sysctl]
                    "net.ipv4.ip_forward" = 1
                    [[service]]
                    protocol = "tcp"
                    address = "10.77.0.10"
                    port = 80
                    health_check = { type = "tcp", interval = "1s", timeout = "1s", fall = 1, rise = 1 }
                      [[service.real]]
                      address = "10.77.2.11"
                      method = "nat"
                    """);
            lab.startDaemon();
            // The first daemon start of a run also lists its classes for the archive: slow on a busy emulated host.
            Await.until(Duration.ofSeconds(180), "the daemon's control socket", () -> Files.exists(lab.controlSocket()),
                    exists -> exists, lab::context);
            String[] doctor = {"doctor", "--config", lab.configFile().toString(), "--netns",
                    lab.director().path().toString()};
            DirectorLab.CliRun healthy = Await.until(DirectorLab.START_TIMEOUT, "doctor finds nothing",
                    () -> lab.ipvsctl(doctor), r -> r.exitCode() == 0, lab::context);
            assertEquals("doctor: no problem found\n", healthy.stdout(), healthy.toString());

            lab.server("rs1").stop();
            DirectorLab.CliRun down = Await.until(Duration.ofSeconds(30), "doctor sees rs1 down",
                    () -> lab.ipvsctl(doctor), r -> r.exitCode() == 1, lab::context);
            assertTrue(down.stdout().startsWith("doctor: service TCP 10.77.0.10:80 real server 10.77.2.11:80: is down"),
                    down.toString());
            assertTrue(down.stdout().contains("\ndoctor: service TCP 10.77.0.10:80: no real server is up: clients are refused"
                    + " (or get the sorry server); bring a real server back (see the lines above)\n"), down.toString());
        }
    }
}
