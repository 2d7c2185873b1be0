package io.ipvsd.kerneltest.ipvs;

import static io.ipvsd.ipvs.Fixtures.dest;
import static io.ipvsd.ipvs.Fixtures.ip;
import static io.ipvsd.ipvs.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.IpvsInfo;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.ServiceFlags;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.SyncState;
import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.ipvs.Tunnel;
import io.ipvsd.ipvs.TunnelType;
import io.ipvsd.kerneltest.FreshNetns;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What our client writes, ipvsadm reads the same; what ipvsadm writes, our client reads the same. */
@Tag("kernel")
class IpvsadmInteropKernelTest {
    private static final long ALL_ONES = 0xffffffffL;

    @RegisterExtension
    final FreshNetns netns = new FreshNetns();

    @Test
    void ipvsadmReadsWhatWeWrite() throws Exception {
        ServiceKey web = tcp("10.1.1.1", 80);
        ServiceKey sip = new AddressServiceKey(Protocol.UDP, ip("10.1.1.1"), 5060);
        ServiceKey fwm = new FwmarkServiceKey(AddressFamily.INET, 7);
        ServiceKey fwm6 = new FwmarkServiceKey(AddressFamily.INET6, 8);
        ServiceKey v6 = new AddressServiceKey(Protocol.SCTP, ip("2001:db8::1"), 3868);
        try (IpvsClient client = IpvsClient.open(netns.path())) {
            client.addService(web, new ServiceSettings("wlc", ServiceFlags.PERSISTENT, 600, 0xffffff00L, null));
            client.addService(tcp("10.1.1.1", 0), new ServiceSettings("lc", ServiceFlags.PERSISTENT, 10, ALL_ONES, null));
            client.addService(sip, new ServiceSettings("sh", ServiceFlags.PERSISTENT | ServiceFlags.ONEPACKET
                    | ServiceFlags.SH_FALLBACK, 60, ALL_ONES, "sip"));
            client.addService(fwm, new ServiceSettings("rr", ServiceFlags.ONEPACKET | ServiceFlags.SCHED3, 0, ALL_ONES, null));
            client.addService(fwm6, new ServiceSettings("mh", ServiceFlags.MH_PORT, 0, 128, null));
            client.addService(v6, new ServiceSettings("wrr", ServiceFlags.PERSISTENT, 300, 48, null));
            client.addDestination(web, dest("192.168.1.10", 80), new DestinationSettings(ForwardingMethod.ROUTE, 5, 0, 0, null));
            client.addDestination(web, dest("192.168.1.11", 8080),
                    new DestinationSettings(ForwardingMethod.MASQ, 70000, 1000, 900, null));
            client.addDestination(fwm, dest("192.168.1.13", 0), tunnel(new Tunnel(TunnelType.GUE, 6080, Tunnel.FLAG_REMCSUM)));
            client.addDestination(fwm, dest("192.168.1.14", 0), tunnel(new Tunnel(TunnelType.GRE, 0, Tunnel.FLAG_CSUM)));
            client.addDestination(fwm, dest("192.168.1.15", 0), tunnel(new Tunnel(TunnelType.GRE, 0, 0)));
            client.addDestination(fwm, dest("192.168.1.16", 0), tunnel(new Tunnel(TunnelType.GUE, 6081, 0)));
            client.addDestination(fwm6, dest("192.168.1.17", 0), tunnel(Tunnel.IPIP));
            client.addDestination(fwm6, dest("2001:db8::17", 0), tunnel(new Tunnel(TunnelType.GUE, 1, Tunnel.FLAG_CSUM)));
            client.addDestination(v6, dest("2001:db8::10", 3868), new DestinationSettings(ForwardingMethod.MASQ, 0, 0, 0, null));

            assertEquals(Ipvsadm.save(netns), IpvsadmRules.of(client));
            // ipvsadm-save leaves thresholds out: its threshold listing has them.
            String thresholds = Ipvsadm.run(netns, "-Ln", "--thresholds", "-t", "10.1.1.1:80");
            assertTrue(thresholds.lines().anyMatch(l -> l.matches("\\s*-> 192\\.168\\.1\\.11:8080\\s+1000\\s+900\\s+0\\s+0\\s*")),
                    thresholds);
        }
    }

    @Test
    void weReadWhatIpvsadmWrites() throws Exception {
        List<String> rules = List.of(
                "-A -t 10.1.1.1:80 -s sed -p 900 -M 255.255.0.0",
                "-a -t 10.1.1.1:80 -r 192.168.1.11:8080 -m -w 65535 -x 100 -y 50",
                "-a -t 10.1.1.1:80 -r 192.168.1.12:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum",
                "-A -u 10.1.1.1:53 -s sh -b sh-fallback,sh-port",
                "-a -u 10.1.1.1:53 -r 192.168.1.20:53 -g -w 2",
                "-A --sctp-service 10.1.1.1:5000 -s nq",
                "-A -t [2001:db8::1]:443 -s wrr -p 300 -M 64",
                "-a -t [2001:db8::1]:443 -r [2001:db8::10]:443 -m -w 3",
                "-A -f 1 -s rr -o",
                "-a -f 1 -r 192.168.1.13:0 -i -w 1 --tun-type gre --tun-nocsum",
                "-A -f 2 -6 -s mh -b mh-port",
                "-a -f 2 -6 -r [2001:db8::20]:0 -g -w 4");
        Ipvsadm.restore(netns, rules);
        try (IpvsClient client = IpvsClient.open(netns.path())) {
            // ipvsadm-save leaves the thresholds out, and so does the rendering of our dump.
            assertEquals(IpvsadmRules.parse(String.join("\n", rules).replace(" -x 100 -y 50", "")), IpvsadmRules.of(client));
            Destination heavy = client.destinations(tcp("10.1.1.1", 80)).stream()
                    .filter(d -> d.key().port() == 8080).findFirst().orElseThrow();
            assertEquals(new DestinationSettings(ForwardingMethod.MASQ, 65535, 100, 50, null), heavy.settings());
            assertEquals(new ServiceSettings("sed", ServiceFlags.PERSISTENT, 900, 0xffff0000L, null),
                    client.service(tcp("10.1.1.1", 80)).orElseThrow().settings());
        }
    }

    @Test
    void infoMatchesIpvsadmsHeader() throws Exception {
        try (IpvsClient client = IpvsClient.open(netns.path())) {
            IpvsInfo info = client.info();
            String header = Ipvsadm.run(netns, "-Ln").lines().findFirst().orElseThrow();
            assertEquals("IP Virtual Server version " + info.version() + " (size=" + info.connectionTableSize() + ")", header);
        }
    }

    @Test
    void timeoutsBothWays() throws Exception {
        try (IpvsClient client = IpvsClient.open(netns.path())) {
            client.setTimeouts(new Timeouts(1000, 0, 200));
            assertEquals("Timeout (tcp tcpfin udp): 1000 120 200", Ipvsadm.run(netns, "-L", "--timeout").strip());
            Ipvsadm.run(netns, "--set", "0", "30", "0");
            assertEquals(new Timeouts(1000, 30, 200), client.timeouts());
        }
    }

    @Test
    void syncDaemonsBothWays() throws Exception {
        netns.exec("ip", "link", "add", "sync0", "type", "veth", "peer", "name", "sync1").assertSuccess();
        netns.exec("ip", "link", "set", "sync0", "up").assertSuccess();
        netns.exec("ip", "link", "set", "sync1", "up").assertSuccess();
        awaitIpv6LinkLocal("sync0");
        try (IpvsClient client = IpvsClient.open(netns.path())) {
            client.startSyncDaemon(new SyncDaemon(SyncState.BACKUP, "sync0", 9, 1400, ip("239.1.2.3"), 9000, 3));
            // (On lo, which has no IPv6 multicast route, the kernel refuses an IPv6 group: ENETUNREACH.)
            Ipvsadm.run(netns, "--start-daemon", "master", "--mcast-interface", "sync0", "--syncid", "4",
                    "--mcast-group", "ff02::81");

            assertEquals(List.of(new SyncDaemon(SyncState.MASTER, "sync0", 4, 1452, ip("ff02::81"), 8848, 1),
                    new SyncDaemon(SyncState.BACKUP, "sync0", 9, 1400, ip("239.1.2.3"), 9000, 3)), client.syncDaemons());
            assertEquals(List.of(
                            "master sync daemon (mcast=sync0, syncid=4, maxlen=1452, group=ff02::81, port=8848, ttl=1)",
                            "backup sync daemon (mcast=sync0, syncid=9, maxlen=1400, group=239.1.2.3, port=9000, ttl=3)"),
                    Ipvsadm.run(netns, "-L", "--daemon").lines().toList());

            client.stopSyncDaemon(SyncState.MASTER);
            Ipvsadm.run(netns, "--stop-daemon", "backup");
            assertEquals(List.of(), client.syncDaemons());
        }
    }

    /**
     * An IPv6 group needs the link's multicast route, which comes once the link has a carrier
     * (ENETUNREACH before), and a link-local source address that passed duplicate address
     * detection (EADDRNOTAVAIL before): about a second after both ends are up.
     */
    private void awaitIpv6LinkLocal(String link) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            String addresses = netns.exec("ip", "-6", "addr", "show", "dev", link).stdout();
            if (addresses.contains("scope link") && !addresses.contains("tentative")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no usable IPv6 link-local address on " + link + " after 10 s:\n" + addresses);
            }
            Thread.sleep(100);
        }
    }

    private static DestinationSettings tunnel(Tunnel t) {
        return new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, t);
    }
}
