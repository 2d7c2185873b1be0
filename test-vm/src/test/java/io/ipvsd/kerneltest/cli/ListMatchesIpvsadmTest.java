package io.ipvsd.kerneltest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.kerneltest.ExecResult;
import io.ipvsd.kerneltest.FreshNetns;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ipvsctl list} prints exactly what {@code ipvsadm -Ln} prints, for a table of many shapes
 * built with ipvsadm in a fresh namespace (no traffic, so every counter is still).
 */
@Tag("kernel")
class ListMatchesIpvsadmTest {
    /** The ipvsadm -L argument lists compared. */
    private static final List<List<String>> LISTINGS = List.of(
            List.of("-Ln"),
            List.of("-Ln", "--nosort"),
            List.of("-Ln", "--sort"),
            List.of("-Ln", "--stats"),
            List.of("-Ln", "--stats", "--exact"),
            List.of("-Ln", "--rate"),
            List.of("-Ln", "--rate", "--exact"),
            List.of("-Ln", "--thresholds"),
            List.of("-Ln", "--persistent-conn"),
            List.of("-Ln", "--tun-info"),
            List.of("-Ln", "--exact"),
            List.of("-Ln", "--stats", "--rate"),
            List.of("-Ln", "-t", "10.0.0.1:80"),
            List.of("-Ln", "-t", "10.0.0.3"),
            List.of("-Ln", "-u", "10.0.0.1:53", "--persistent-conn"),
            List.of("-Ln", "--sctp-service", "10.0.0.2:3868"),
            List.of("-Ln", "-t", "[2001:db8::1]:80", "--thresholds"),
            List.of("-Ln", "-f", "1", "--tun-info"),
            List.of("-Ln", "-f", "2", "-6"),
            List.of("-Ln", "-f", "4294967295", "--stats"));

    /** IPVS accepts only destinations it can route to: the namespace gets a default route. */
    private static final List<String> SETUP = List.of(
            "ip link add v0 type veth peer name v1",
            "ip link set v0 up",
            "ip link set v1 up",
            "ip route add default dev v0",
            "ip -6 route add default dev v0",
            "ipvsadm -A -t 10.0.0.1:80 -s wlc",
            "ipvsadm -a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1",
            "ipvsadm -a -t 10.0.0.1:80 -r 10.0.1.2:8080 -m -w 3",
            "ipvsadm -a -t 10.0.0.1:80 -r 192.168.5.5:80 -g -w 0",
            "ipvsadm -a -t 10.0.0.1:80 -r 172.16.0.9:80 -g -w 65535 -x 1000 -y 800",
            "ipvsadm -a -t 10.0.0.1:80 -r 130.0.0.1:80 -g -w 7",
            "ipvsadm -A -t 192.168.10.1:443 -s rr -p 600 -M 255.255.255.0",
            "ipvsadm -a -t 192.168.10.1:443 -r 10.0.2.1:443 -g",
            "ipvsadm -A -t 200.0.0.1:80 -s lc",
            "ipvsadm -A -t 127.0.0.1:80 -s lc",
            "ipvsadm -A -t 10.0.0.1:8080 -s wlc -b flag-1,flag-3",
            "ipvsadm -a -t 10.0.0.1:8080 -r 10.0.1.1:8080 -m -x 100 -y 50",
            "ipvsadm -A -t 10.0.0.3:0 -s rr -p 60",
            "ipvsadm -A -t 10.0.0.4:443 -s dh -p 3600 -M 255.255.255.128",
            "ipvsadm -A -u 10.0.0.1:53 -s rr -o",
            "ipvsadm -a -u 10.0.0.1:53 -r 10.0.1.1:53 -m",
            "ipvsadm -a -u 10.0.0.1:53 -r 10.0.1.2:53 -m -w 2",
            "ipvsadm -A -u 10.0.0.1:5060 -s rr -p 300 --pe sip -o",
            "ipvsadm -a -u 10.0.0.1:5060 -r 10.0.1.3:5060 -m",
            "ipvsadm -A --sctp-service 10.0.0.2:3868 -s sh -b sh-fallback,sh-port",
            "ipvsadm -a --sctp-service 10.0.0.2:3868 -r 10.0.1.4:3868 -m",
            "ipvsadm -A -t [2001:db8::1]:80 -s wrr",
            "ipvsadm -a -t [2001:db8::1]:80 -r [2001:db8::10]:80 -m -w 5",
            "ipvsadm -a -t [2001:db8::1]:80 -r [2001:db8:0:0:1::20]:8080 -m",
            "ipvsadm -a -t [2001:db8::1]:80 -r [2001:0:0:1:0:0:0:1]:80 -g",
            "ipvsadm -a -t [2001:db8::1]:80 -r [::102:304]:80 -g",
            "ipvsadm -a -t [2001:db8::1]:80 -r [fd00::1]:80 -g",
            "ipvsadm -A -u [2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff]:5353 -s rr -p 120 -M 64",
            "ipvsadm -a -u [2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff]:5353 -r [2001:db8:aaaa:bbbb:cccc:dddd:eeee:1]:5353 -m",
            "ipvsadm -A -f 1 -s lc -p 120",
            "ipvsadm -a -f 1 -r 10.0.3.1:0 -g",
            "ipvsadm -a -f 1 -r 10.0.3.2:0 -i",
            "ipvsadm -a -f 1 -r 10.0.3.3:0 -i --tun-type gue --tun-port 6080 --tun-csum",
            "ipvsadm -a -f 1 -r 10.0.3.4:0 -i --tun-type gre --tun-csum",
            "ipvsadm -a -f 1 -r 10.0.3.5:0 -i --tun-type gue --tun-port 5555 --tun-remcsum",
            "ipvsadm -A -f 2 -6 -s mh -b mh-fallback,mh-port",
            "ipvsadm -a -f 2 -6 -r [2001:db8::30]:0 -g",
            "ipvsadm -A -f 4294967295 -s sed",
            "ipvsadm -A -f 3000000000 -s nq -p 30 -M 255.255.0.0",
            "ipvsadm -A -f 2147483648 -s ovf",
            "ipvsadm -A -t 10.0.0.5:80 -s fo",
            "ipvsadm -a -t 10.0.0.5:80 -r [2001:db8::50]:80 -i");

    @RegisterExtension
    final FreshNetns netns = new FreshNetns();

    @Test
    void everyListingMatchesIpvsadm() {
        for (String command : SETUP) {
            netns.exec(command.split(" ")).assertSuccess();
        }
        assertAll(LISTINGS.stream().map(this::sameAsIpvsadm));
    }

    @Test
    void emptyTableMatchesIpvsadm() {
        assertAll(List.of(sameAsIpvsadm(List.of("-Ln")), sameAsIpvsadm(List.of("-Lnc")),
                sameAsIpvsadm(List.of("-Ln", "--stats"))));
    }

    @Test
    void missingServiceFailsLikeIpvsadm() {
        ExecResult ipvsadm = netns.exec("ipvsadm", "-Ln", "-t", "10.9.9.9:80");
        IpvsctlRun ours = IpvsctlRun.listLike(netns.path().toString(), List.of("-Ln", "-t", "10.9.9.9:80"));
        assertEquals(1, ipvsadm.exitCode(), ipvsadm.toString());
        assertEquals(1, ours.exitCode());
        assertEquals("", ours.stdout());
        assertEquals("ipvsctl: no such service: TCP 10.9.9.9:80\n", ours.stderr());
    }

    @Test
    void unknownNamespaceIsOneLineExit1() {
        IpvsctlRun ours = IpvsctlRun.of(List.of("list", "--netns", "ipvsd-kt-no-such-namespace"));
        assertEquals(1, ours.exitCode());
        assertEquals("ipvsctl: /run/netns/ipvsd-kt-no-such-namespace: no such network namespace\n", ours.stderr());
    }

    @Test
    void jsonListsEveryService() {
        netns.exec("ipvsadm", "-A", "-t", "10.0.0.1:80", "-s", "rr").assertSuccess();
        netns.exec("ipvsadm", "-A", "-f", "7", "-6", "-s", "rr").assertSuccess();
        IpvsctlRun ours = IpvsctlRun.of(List.of("list", "--json", "--netns", netns.name()));
        assertEquals(0, ours.exitCode(), ours.stderr());
        assertTrue(ours.stdout().contains("\"key\" : \"TCP 10.0.0.1:80\""), ours.stdout());
        assertTrue(ours.stdout().contains("\"key\" : \"FWM 7 IPv6\""), ours.stdout());
    }

    private Executable sameAsIpvsadm(List<String> ipvsadmArgs) {
        return () -> {
            List<String> argv = new ArrayList<>(List.of("ipvsadm"));
            argv.addAll(ipvsadmArgs);
            ExecResult ipvsadm = netns.exec(argv.toArray(String[]::new)).assertSuccess();
            IpvsctlRun ours = IpvsctlRun.listLike(netns.name(), ipvsadmArgs);
            Function<String, String> label = s -> String.join(" ", argv) + ": " + s;
            assertEquals("", ours.stderr(), label.apply("stderr"));
            assertEquals(0, ours.exitCode(), label.apply("exit code"));
            assertEquals(ipvsadm.stdout(), ours.stdout(), label.apply("listing"));
        };
    }
}
