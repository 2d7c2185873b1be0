package io.ipvsd.kerneltest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.kerneltest.ExecResult;
import io.ipvsd.kerneltest.FreshNetns;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ipvsctl list after real traffic: client -- director (IPVS NAT) -- server (busybox httpd), three
 * namespaces made here, HTTP/1.0 from bash. Counters are still once the traffic is over, so --stats must match
 * ipvsadm's exactly; rates decay between two reads, and connections' Expires ticks, so those are
 * compared at a moment both tools agree (rates) or field by field, Expires within the time the two
 * reads took (connections).
 */
@Tag("kernel")
class ListTrafficTest {
    private static final List<String> SERVICES = List.of(
            "ipvsadm -A -t 10.9.1.100:80 -s rr",
            "ipvsadm -a -t 10.9.1.100:80 -r 10.9.2.2:80 -m",
            "ipvsadm -A -t [2001:db8:1::100]:80 -s rr",
            "ipvsadm -a -t [2001:db8:1::100]:80 -r [2001:db8:2::2]:80 -m",
            "ipvsadm -A -t 10.9.1.101:80 -s rr -p 300 -M 255.255.255.0",
            "ipvsadm -a -t 10.9.1.101:80 -r 10.9.2.2:80 -m",
            "ipvsadm -A -t [2001:db8:1::101]:80 -s rr -p 300 -M 64",
            "ipvsadm -a -t [2001:db8:1::101]:80 -r [2001:db8:2::2]:80 -m",
            "ipvsadm -A -f 1 -s rr -p 60",
            "ipvsadm -a -f 1 -r 10.9.2.2:0 -m");
    /** Virtual addresses fetched from, 10.9.1.100 twice; 10.9.1.102 is the fwmark service's. */
    private static final List<String> VIRTUAL_HOSTS = List.of("10.9.1.100", "10.9.1.100", "2001:db8:1::100",
            "10.9.1.101", "2001:db8:1::101", "10.9.1.102");
    /** The connections VIRTUAL_HOSTS makes, by service. */
    private static final Map<String, String> TRAFFIC_CONNS = Map.of("TCP 10.9.1.100:80", "2", "TCP 10.9.1.101:80", "1",
            "TCP [2001:db8:1::100]:80", "1", "TCP [2001:db8:1::101]:80", "1", "FWM 1", "1");

    @RegisterExtension
    final FreshNetns client = new FreshNetns();
    @RegisterExtension
    final FreshNetns director = new FreshNetns();
    @RegisterExtension
    final FreshNetns server = new FreshNetns();

    private Process httpd;

    @BeforeEach
    void network(@TempDir Path www) throws IOException, InterruptedException {
        host("ip", "link", "add", "c0", "netns", client.name(), "type", "veth", "peer", "name", "d0", "netns", director.name());
        host("ip", "link", "add", "s0", "netns", server.name(), "type", "veth", "peer", "name", "d1", "netns", director.name());
        link(client, "c0", "10.9.1.2/24", "2001:db8:1::2/64", "10.9.1.1", "2001:db8:1::1");
        link(server, "s0", "10.9.2.2/24", "2001:db8:2::2/64", "10.9.2.1", "2001:db8:2::1");
        link(director, "d0", "10.9.1.1/24", "2001:db8:1::1/64", null, null);
        link(director, "d1", "10.9.2.1/24", "2001:db8:2::1/64", null, null);
        director.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1").assertSuccess();
        for (String vip : List.of("10.9.1.100/32", "10.9.1.101/32", "10.9.1.102/32")) {
            director.exec("ip", "addr", "add", vip, "dev", "d0").assertSuccess();
        }
        for (String vip : List.of("2001:db8:1::100/128", "2001:db8:1::101/128")) {
            director.exec("ip", "addr", "add", vip, "dev", "d0", "nodad").assertSuccess();
        }
        Path rules = Files.writeString(www.resolve("mark.nft"), "table ip marking {\n chain pre {\n"
                + "  type filter hook prerouting priority mangle;\n"
                + "  ip daddr 10.9.1.102 tcp dport 80 meta mark set 1;\n }\n}\n");
        director.exec("nft", "-f", rules.toString()).assertSuccess();
        for (String command : SERVICES) {
            director.exec(command.split(" ")).assertSuccess();
        }
        Files.writeString(www.resolve("index.html"), "hello\n");
        httpd = new ProcessBuilder("ip", "netns", "exec", server.name(), "busybox", "httpd", "-f", "-p", "80", "-h", www.toString())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
        awaitHttpd();
        for (String host : VIRTUAL_HOSTS) {
            httpGet(client, host).assertSuccess();
        }
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        if (httpd != null) {
            httpd.destroy();
            httpd.waitFor();
        }
    }

    @Test
    void countersMatchIpvsadm() throws InterruptedException {
        String still = stillCounters();
        assertEquals(TRAFFIC_CONNS, connsByService(still), still);
        for (List<String> listing : List.of(List.of("-Ln", "--stats"), List.of("-Ln", "--stats", "--exact"),
                List.of("-Ln"), List.of("-Ln", "--persistent-conn"))) {
            assertEquals(ipvsadm(listing), ours(listing).stdout(), String.join(" ", listing));
        }
    }

    /**
     * ipvsadm's -Ln --stats --exact once it shows all of network()'s connections and has stayed
     * the same for longer than the estimator's period. The kernel copies the per-CPU counters into
     * what netlink reports from its estimator timer, every 2 s; the timer may have run in the
     * middle of the traffic (one service counted, the next still zeros), and one tool may read
     * before its next run and the other after (seen in CI). Once the listing holds every
     * connection and is still for a whole period, both tools must read the same.
     */
    private String stillCounters() throws InterruptedException {
        List<String> listing = List.of("-Ln", "--stats", "--exact");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String previous = ipvsadm(listing);
        while (true) {
            Thread.sleep(2_500);
            String now = ipvsadm(listing);
            boolean settled = now.equals(previous) && connsByService(now).equals(TRAFFIC_CONNS);
            if (settled || System.nanoTime() > deadline) {
                return now;
            }
            previous = now;
        }
    }

    /** "TCP 10.9.1.100:80" to its Conns column, from an -Ln --stats listing. */
    private static Map<String, String> connsByService(String statsListing) {
        Map<String, String> conns = new HashMap<>();
        for (String line : statsListing.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 7 && List.of("TCP", "FWM").contains(f[0])) {
                conns.put(f[0] + " " + f[1], f[2]);
            }
        }
        return conns;
    }

    @Test
    void ratesMatchIpvsadmAtAStillMoment() {
        for (List<String> listing : List.of(List.of("-Ln", "--rate"), List.of("-Ln", "--rate", "--exact"))) {
            String ipvsadm = null;
            String ours = null;
            // The estimator updates every 2 s: a few tries find a moment between two updates.
            for (int attempt = 0; attempt < 5 && (ours == null || !ours.equals(ipvsadm)); attempt++) {
                ipvsadm = ipvsadm(listing);
                ours = ours(listing).stdout();
            }
            assertEquals(ipvsadm, ours, String.join(" ", listing));
        }
    }

    @Test
    void connectionsMatchIpvsadmLnc() {
        for (List<String> listing : List.of(List.of("-Lnc"), List.of("-Lnc", "--persistent-conn"))) {
            long start = System.nanoTime();
            String ipvsadm = ipvsadm(listing);
            IpvsctlRun ours = ours(listing);
            // Expires counts down between the two reads: allow the time they took (slow under emulation).
            long tolerance = Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1;
            assertEquals(0, ours.exitCode(), ours.stderr());
            List<String> ipvsadmLines = ipvsadm.lines().toList();
            List<String> ourLines = ours.stdout().lines().toList();
            assertEquals(ipvsadmLines.subList(0, 2), ourLines.subList(0, 2), "title");
            Map<String, Integer> theirs = byEntry(ipvsadmLines.subList(2, ipvsadmLines.size()));
            Map<String, Integer> mine = byEntry(ourLines.subList(2, ourLines.size()));
            assertEquals(theirs.keySet(), mine.keySet(), String.join(" ", listing));
            for (Map.Entry<String, Integer> e : theirs.entrySet()) {
                int diff = e.getValue() - mine.get(e.getKey());
                assertTrue(diff >= 0 && diff <= tolerance,
                        e.getKey() + " expires " + e.getValue() + " vs " + mine.get(e.getKey()) + ", tolerance " + tolerance);
            }
        }
        String table = ours(List.of("-Lnc")).stdout();
        assertTrue(table.contains("ASSURED     10.9.1.0:0         10.9.1.101:80      10.9.2.2:80\n"), table);
        assertTrue(table.contains("ASSURED     [2001:db8:1::]:0   [2001:db8:1::101]:80 [2001:db8:2::2]:80\n"), table);
        assertTrue(table.contains("ASSURED     10.9.1.2:0         0.0.0.1:0          10.9.2.2:0\n"), table);
    }

    @Test
    void connectionFiltersAndJson() {
        IpvsctlRun json = IpvsctlRun.of(List.of("list", "-c", "--json", "--service", "10.9.1.100:80", "--netns", director.name()));
        assertEquals(0, json.exitCode(), json.stderr());
        assertEquals(2, json.stdout().split("\"state\"", -1).length - 1, json.stdout());
        IpvsctlRun byClient = IpvsctlRun.of(List.of("list", "-c", "--client", "2001:db8:1::2", "--netns", director.name()));
        assertEquals(2 + 2, byClient.stdout().lines().count(), byClient.stdout());
    }

    /** (pro, state, source, virtual, destination[, pe]) of each -Lnc line, to its expires in seconds. */
    private static Map<String, Integer> byEntry(List<String> lines) {
        Map<String, Integer> entries = new HashMap<>();
        for (String line : lines) {
            List<String> f = new ArrayList<>(List.of(line.trim().split("\\s+")));
            String[] minutesSeconds = f.remove(1).split(":");
            entries.put(String.join(" ", f), Integer.parseInt(minutesSeconds[0]) * 60 + Integer.parseInt(minutesSeconds[1]));
        }
        return entries;
    }

    private String ipvsadm(List<String> listing) {
        List<String> argv = new ArrayList<>(List.of("ipvsadm"));
        argv.addAll(listing);
        return director.exec(argv.toArray(String[]::new)).assertSuccess().stdout();
    }

    private IpvsctlRun ours(List<String> listing) {
        return IpvsctlRun.listLike(director.name(), listing);
    }

    /** Polls httpd over the server's loopback, so no failed attempt goes through IPVS and counts. */
    private void awaitHttpd() throws InterruptedException {
        ExecResult r = null;
        for (int attempt = 0; attempt < 50 && (r == null || !r.succeeded()); attempt++) {
            if (r != null) {
                Thread.sleep(100);
            }
            r = httpGet(server, "127.0.0.1");
        }
        r.assertSuccess();
    }

    /** One HTTP/1.0 GET through bash's /dev/tcp (the static busybox wget crashed in the VM's JVM-started runs). */
    private static ExecResult httpGet(FreshNetns ns, String host) {
        return ns.exec("bash", "-c", "exec 3<>/dev/tcp/" + host + "/80 && printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3"
                + " && grep -q hello <&3");
    }

    private static void link(FreshNetns ns, String dev, String v4, String v6, String gw4, String gw6) {
        ns.exec("ip", "link", "set", dev, "up").assertSuccess();
        ns.exec("ip", "addr", "add", v4, "dev", dev).assertSuccess();
        ns.exec("ip", "addr", "add", v6, "dev", dev, "nodad").assertSuccess();
        if (gw4 != null) {
            ns.exec("ip", "route", "add", "default", "via", gw4).assertSuccess();
            ns.exec("ip", "-6", "route", "add", "default", "via", gw6).assertSuccess();
        }
    }

    private static void host(String... argv) {
        ExecResult.run(FreshNetns.DEFAULT_TIMEOUT, List.of(argv)).assertSuccess();
    }
}
