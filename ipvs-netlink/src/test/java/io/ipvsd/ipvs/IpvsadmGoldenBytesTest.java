package io.ipvsd.ipvs;

import static io.ipvsd.ipvs.Fixtures.ALL_ONES;
import static io.ipvsd.ipvs.Fixtures.dest;
import static io.ipvsd.ipvs.Fixtures.ip;
import static io.ipvsd.ipvs.Fixtures.tcp;
import static io.ipvsd.ipvs.testkit.GoldenBytes.assertSameRequest;
import static io.ipvsd.ipvs.testkit.GoldenBytes.hex;
import static io.ipvsd.ipvs.testkit.GoldenBytes.withFlags;
import static io.ipvsd.ipvs.testkit.GoldenBytes.withoutNested;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.ipvs.testkit.FakeIpvsKernel;
import io.ipvsd.ipvs.wire.IpvsGenl;
import io.ipvsd.netlink.Connection;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkException;
import io.ipvsd.netlink.NetlinkMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our requests, byte for byte, against ipvsadm 1.31's. The expected bytes were captured in the
 * test VM (Linux 6.1, the IPVS family got id 0x20) with
 * {@code strace -f -e trace=sendmsg -e write=all -xx ipvsadm ...}; the ipvsadm command is above
 * each. nlmsg_seq and nlmsg_pid (bytes 8-15) are zeroed: they differ per run and are masked.
 *
 * <p>Where our bytes differ on purpose, the test says why and takes ipvsadm's bytes without the
 * attributes in question ({@code withoutNested}) or with other header flags ({@code withFlags}):
 * everything else must still match exactly.
 */
class IpvsadmGoldenBytesTest {
    private static final int PERSISTENT = ServiceFlags.PERSISTENT;
    /** The settings ipvsadm sends where the kernel reads only the service's identity. */
    private static final Set<Integer> SERVICE_SETTINGS = Set.of(IpvsGenl.SVC_ATTR_SCHED_NAME,
            IpvsGenl.SVC_ATTR_FLAGS, IpvsGenl.SVC_ATTR_TIMEOUT, IpvsGenl.SVC_ATTR_NETMASK);
    /** The settings ipvsadm sends where the kernel reads only the destination's identity. */
    private static final Set<Integer> DESTINATION_SETTINGS = Set.of(IpvsGenl.DEST_ATTR_FWD_METHOD,
            IpvsGenl.DEST_ATTR_WEIGHT, IpvsGenl.DEST_ATTR_U_THRESH, IpvsGenl.DEST_ATTR_L_THRESH,
            IpvsGenl.DEST_ATTR_TUN_TYPE, IpvsGenl.DEST_ATTR_TUN_PORT, IpvsGenl.DEST_ATTR_TUN_FLAGS);

    private static final ServiceKey TCP_80 = tcp("10.1.1.1", 80);
    private static final ServiceKey TCP6_443 = new AddressServiceKey(Protocol.TCP, ip("2001:db8::1"), 443);
    private static final ServiceKey FWM_1 = new FwmarkServiceKey(AddressFamily.INET, 1);
    private static final ServiceKey FWM6_2 = new FwmarkServiceKey(AddressFamily.INET6, 2);

    private FakeIpvsKernel kernel;
    private IpvsClient client;

    @BeforeEach
    void open() throws IOException {
        kernel = new FakeIpvsKernel();
        client = IpvsClient.over(new Connection(kernel, Duration.ofSeconds(1)));
    }

    @AfterEach
    void close() {
        client.close();
    }

    private interface Call {
        void run() throws IOException;
    }

    /** The one request the call sent, as it went on the wire. Only the bytes matter here, not the answer. */
    private byte[] sentBy(Call call) throws IOException {
        int before = kernel.received().size();
        try {
            call.run();
        } catch (NetlinkException refusedByTheFake) {
            // e.g. an edit of a service the fake does not have: the request is what is compared
        }
        List<NetlinkMessage> received = kernel.received();
        assertEquals(before + 1, received.size(), "requests sent");
        return received.get(before).encode();
    }

    private static ServiceSettings settings(String scheduler, int flags, int timeout, long netmask, String pe) {
        return new ServiceSettings(scheduler, flags, timeout, netmask, pe);
    }

    /** {@code ipvsadm -A -t 10.1.1.1:80 -s wlc -p 600} */
    @Test
    void addTcpServiceWithPersistence() throws IOException {
        byte[] ipvsadm = hex("""
                68000000 20000500 00000000 00000000
                01010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00500000 08000600 776c6300 0c000700
                01000000 ffffffff 08000800 58020000
                08000900 ffffffff
                """);
        assertSameRequest("ipvsadm -A -t 10.1.1.1:80 -s wlc -p 600", ipvsadm,
                sentBy(() -> client.addService(TCP_80, settings("wlc", PERSISTENT, 600, ALL_ONES, null))));
    }

    /** {@code ipvsadm -A -t 10.1.1.1:81 -s rr} */
    @Test
    void addTcpService() throws IOException {
        byte[] ipvsadm = hex("""
                68000000 20000500 00000000 00000000
                01010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00510000 07000600 72720000 0c000700
                00000000 ffffffff 08000800 00000000
                08000900 ffffffff
                """);
        assertSameRequest("ipvsadm -A -t 10.1.1.1:81 -s rr", ipvsadm,
                sentBy(() -> client.addService(tcp("10.1.1.1", 81), settings("rr", 0, 0, ALL_ONES, null))));
    }

    /** {@code ipvsadm -A -u 10.1.1.1:53 -s sh -b sh-fallback,sh-port} */
    @Test
    void addUdpServiceWithSchedulerFlags() throws IOException {
        byte[] ipvsadm = hex("""
                68000000 20000500 00000000 00000000
                01010000 54000180 06000100 02000000
                06000200 11000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00350000 07000600 73680000 0c000700
                18000000 ffffffff 08000800 00000000
                08000900 ffffffff
                """);
        assertSameRequest("ipvsadm -A -u 10.1.1.1:53 -s sh -b sh-fallback,sh-port", ipvsadm,
                sentBy(() -> client.addService(new AddressServiceKey(Protocol.UDP, ip("10.1.1.1"), 53),
                settings("sh", ServiceFlags.SH_FALLBACK | ServiceFlags.SH_PORT, 0, ALL_ONES, null))));
    }

    /** {@code ipvsadm -A --sctp-service 10.1.1.1:5000 -s lc} */
    @Test
    void addSctpService() throws IOException {
        byte[] ipvsadm = hex("""
                68000000 20000500 00000000 00000000
                01010000 54000180 06000100 02000000
                06000200 84000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                13880000 07000600 6c630000 0c000700
                00000000 ffffffff 08000800 00000000
                08000900 ffffffff
                """);
        assertSameRequest("ipvsadm -A --sctp-service 10.1.1.1:5000 -s lc", ipvsadm,
                sentBy(() -> client.addService(new AddressServiceKey(Protocol.SCTP, ip("10.1.1.1"), 5000), settings("lc", 0, 0, ALL_ONES, null))));
    }

    /** {@code ipvsadm -A -t [2001:db8::1]:443 -s wrr -p 300 -M 64} */
    @Test
    void addIpv6ServiceWithPrefixNetmask() throws IOException {
        // The IPv6 netmask is a prefix length in host order; an IPv4 mask is in network order.
        byte[] ipvsadm = hex("""
                68000000 20000500 00000000 00000000
                01010000 54000180 06000100 0a000000
                06000200 06000000 14000300 20010db8
                00000000 00000000 00000001 06000400
                01bb0000 08000600 77727200 0c000700
                01000000 ffffffff 08000800 2c010000
                08000900 40000000
                """);
        assertSameRequest("ipvsadm -A -t [2001:db8::1]:443 -s wrr -p 300 -M 64", ipvsadm,
                sentBy(() -> client.addService(TCP6_443, settings("wrr", PERSISTENT, 300, 64, null))));
    }

    /** {@code ipvsadm -A -f 1 -s rr} */
    @Test
    void addFwmarkService() throws IOException {
        byte[] ipvsadm = hex("""
                4c000000 20000500 00000000 00000000
                01010000 38000180 06000100 02000000
                08000500 01000000 07000600 72720000
                0c000700 00000000 ffffffff 08000800
                00000000 08000900 ffffffff
                """);
        assertSameRequest("ipvsadm -A -f 1 -s rr", ipvsadm,
                sentBy(() -> client.addService(FWM_1, settings("rr", 0, 0, ALL_ONES, null))));
    }

    /** {@code ipvsadm -A -f 2 -6 -s mh -b mh-fallback,mh-port} */
    @Test
    void addIpv6FwmarkServiceWithMhFlags() throws IOException {
        byte[] ipvsadm = hex("""
                4c000000 20000500 00000000 00000000
                01010000 38000180 06000100 0a000000
                08000500 02000000 07000600 6d680000
                0c000700 18000000 ffffffff 08000800
                00000000 08000900 80000000
                """);
        assertSameRequest("ipvsadm -A -f 2 -6 -s mh -b mh-fallback,mh-port", ipvsadm,
                sentBy(() -> client.addService(FWM6_2, settings("mh", ServiceFlags.MH_FALLBACK | ServiceFlags.MH_PORT, 0, 128, null))));
    }

    /** {@code ipvsadm -A -t 10.1.1.2:80 -s wlc -p -M 255.255.255.0} */
    @Test
    void addPersistentServiceWithNetmask() throws IOException {
        // -p without a value is ipvsadm's default of 360 s.
        byte[] ipvsadm = hex("""
                68000000 20000500 00000000 00000000
                01010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010102
                00000000 00000000 00000000 06000400
                00500000 08000600 776c6300 0c000700
                01000000 ffffffff 08000800 68010000
                08000900 ffffff00
                """);
        assertSameRequest("ipvsadm -A -t 10.1.1.2:80 -s wlc -p -M 255.255.255.0", ipvsadm,
                sentBy(() -> client.addService(tcp("10.1.1.2", 80), settings("wlc", PERSISTENT, 360, 0xffffff00L, null))));
    }

    /** {@code ipvsadm -A -u 10.1.1.1:5060 -s rr -o} */
    @Test
    void addOnePacketUdpService() throws IOException {
        byte[] ipvsadm = hex("""
                68000000 20000500 00000000 00000000
                01010000 54000180 06000100 02000000
                06000200 11000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                13c40000 07000600 72720000 0c000700
                04000000 ffffffff 08000800 00000000
                08000900 ffffffff
                """);
        assertSameRequest("ipvsadm -A -u 10.1.1.1:5060 -s rr -o", ipvsadm,
                sentBy(() -> client.addService(new AddressServiceKey(Protocol.UDP, ip("10.1.1.1"), 5060), settings("rr", ServiceFlags.ONEPACKET, 0, ALL_ONES, null))));
    }

    /** {@code ipvsadm -A -u 10.1.1.1:5061 -s rr -p 60 --pe sip} */
    @Test
    void addServiceWithPersistenceEngine() throws IOException {
        byte[] ipvsadm = hex("""
                70000000 20000500 00000000 00000000
                01010000 5c000180 06000100 02000000
                06000200 11000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                13c50000 07000600 72720000 08000b00
                73697000 0c000700 01000000 ffffffff
                08000800 3c000000 08000900 ffffffff
                """);
        assertSameRequest("ipvsadm -A -u 10.1.1.1:5061 -s rr -p 60 --pe sip", ipvsadm,
                sentBy(() -> client.addService(new AddressServiceKey(Protocol.UDP, ip("10.1.1.1"), 5061), settings("rr", PERSISTENT, 60, ALL_ONES, "sip"))));
    }

    /** {@code ipvsadm -A -t 10.1.1.3:0 -s dh -p 10} */
    @Test
    void addAllPortsService() throws IOException {
        byte[] ipvsadm = hex("""
                68000000 20000500 00000000 00000000
                01010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010103
                00000000 00000000 00000000 06000400
                00000000 07000600 64680000 0c000700
                01000000 ffffffff 08000800 0a000000
                08000900 ffffffff
                """);
        assertSameRequest("ipvsadm -A -t 10.1.1.3:0 -s dh -p 10", ipvsadm,
                sentBy(() -> client.addService(tcp("10.1.1.3", 0), settings("dh", PERSISTENT, 10, ALL_ONES, null))));
    }

    /** {@code ipvsadm -E -t 10.1.1.1:80 -s rr} */
    @Test
    void editServiceScheduler() throws IOException {
        byte[] ipvsadm = hex("""
                68000000 20000500 00000000 00000000
                02010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00500000 07000600 72720000 0c000700
                00000000 ffffffff 08000800 00000000
                08000900 ffffffff
                """);
        assertSameRequest("ipvsadm -E -t 10.1.1.1:80 -s rr", ipvsadm,
                sentBy(() -> client.editService(TCP_80, settings("rr", 0, 0, ALL_ONES, null))));
    }

    /** {@code ipvsadm -E -t 10.1.1.1:80 -s sed -p 900} */
    @Test
    void editServicePersistence() throws IOException {
        byte[] ipvsadm = hex("""
                68000000 20000500 00000000 00000000
                02010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00500000 08000600 73656400 0c000700
                01000000 ffffffff 08000800 84030000
                08000900 ffffffff
                """);
        assertSameRequest("ipvsadm -E -t 10.1.1.1:80 -s sed -p 900", ipvsadm,
                sentBy(() -> client.editService(TCP_80, settings("sed", PERSISTENT, 900, ALL_ONES, null))));
    }

    /** {@code ipvsadm -D -t 10.1.1.1:81} */
    @Test
    void deleteService() throws IOException {
        // ipvsadm sends settings (an empty scheduler, zeros) with a delete; the kernel reads only the
        // identity, which is all we send.
        byte[] ipvsadm = withoutNested(hex("""
                68000000 20000500 00000000 00000000
                03010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00510000 05000600 00000000 0c000700
                00000000 ffffffff 08000800 00000000
                08000900 ffffffff
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS);
        assertSameRequest("ipvsadm -D -t 10.1.1.1:81", ipvsadm,
                sentBy(() -> client.deleteService(tcp("10.1.1.1", 81))));
    }

    /** {@code ipvsadm -D -f 1} */
    @Test
    void deleteFwmarkService() throws IOException {
        // Identity only, as for deleteService.
        byte[] ipvsadm = withoutNested(hex("""
                4c000000 20000500 00000000 00000000
                03010000 38000180 06000100 02000000
                08000500 01000000 05000600 00000000
                0c000700 00000000 ffffffff 08000800
                00000000 08000900 ffffffff
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS);
        assertSameRequest("ipvsadm -D -f 1", ipvsadm,
                sentBy(() -> client.deleteService(FWM_1)));
    }

    /** {@code ipvsadm -a -t 10.1.1.1:80 -r 192.168.1.10:80 -g -w 5} */
    @Test
    void addRouteDestination() throws IOException {
        // ipvsadm repeats the service's settings in destination commands; the kernel reads only its identity
        // there.
        byte[] ipvsadm = withoutNested(hex("""
                c8000000 20000500 00000000 00000000
                05010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00500000 05000600 00000000 0c000700
                00000000 ffffffff 08000800 00000000
                08000900 ffffffff 60000280 06000b00
                02000000 14000100 c0a8010a 00000000
                00000000 00000000 06000200 00500000
                08000300 03000000 08000400 05000000
                05000d00 00000000 06000e00 00000000
                06000f00 00000000 08000500 00000000
                08000600 00000000
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS);
        assertSameRequest("ipvsadm -a -t 10.1.1.1:80 -r 192.168.1.10:80 -g -w 5", ipvsadm,
                sentBy(() -> client.addDestination(TCP_80, dest("192.168.1.10", 80), new DestinationSettings(ForwardingMethod.ROUTE, 5, 0, 0, null))));
    }

    /** {@code ipvsadm -a -t 10.1.1.1:80 -r 192.168.1.11:8080 -m -w 0 -x 100 -y 50} */
    @Test
    void addMasqDestinationWithThresholds() throws IOException {
        // Service identity only, as for addRouteDestination.
        byte[] ipvsadm = withoutNested(hex("""
                c8000000 20000500 00000000 00000000
                05010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00500000 05000600 00000000 0c000700
                00000000 ffffffff 08000800 00000000
                08000900 ffffffff 60000280 06000b00
                02000000 14000100 c0a8010b 00000000
                00000000 00000000 06000200 1f900000
                08000300 00000000 08000400 00000000
                05000d00 00000000 06000e00 00000000
                06000f00 00000000 08000500 64000000
                08000600 32000000
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS);
        assertSameRequest("ipvsadm -a -t 10.1.1.1:80 -r 192.168.1.11:8080 -m -w 0 -x 100 -y 50", ipvsadm,
                sentBy(() -> client.addDestination(TCP_80, dest("192.168.1.11", 8080), new DestinationSettings(ForwardingMethod.MASQ, 0, 100, 50, null))));
    }

    /** {@code ipvsadm -a -t 10.1.1.1:80 -r 192.168.1.12 -i} */
    @Test
    void addIpipTunnelDestination() throws IOException {
        // ipvsadm gives a tunnel real server the service's port; service identity only, as for
        // addRouteDestination.
        byte[] ipvsadm = withoutNested(hex("""
                c8000000 20000500 00000000 00000000
                05010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00500000 05000600 00000000 0c000700
                00000000 ffffffff 08000800 00000000
                08000900 ffffffff 60000280 06000b00
                02000000 14000100 c0a8010c 00000000
                00000000 00000000 06000200 00500000
                08000300 02000000 08000400 01000000
                05000d00 00000000 06000e00 00000000
                06000f00 00000000 08000500 00000000
                08000600 00000000
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS);
        assertSameRequest("ipvsadm -a -t 10.1.1.1:80 -r 192.168.1.12 -i", ipvsadm,
                sentBy(() -> client.addDestination(TCP_80, dest("192.168.1.12", 80), new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, null))));
    }

    /** {@code ipvsadm -a -f 1 -r 192.168.1.13 -i --tun-type gue --tun-port 6080 --tun-remcsum} */
    @Test
    void addGueTunnelDestination() throws IOException {
        // The tunnel port is in network order, the tunnel flags in host order. Service identity only.
        byte[] ipvsadm = withoutNested(hex("""
                ac000000 20000500 00000000 00000000
                05010000 38000180 06000100 02000000
                08000500 01000000 05000600 00000000
                0c000700 00000000 ffffffff 08000800
                00000000 08000900 ffffffff 60000280
                06000b00 02000000 14000100 c0a8010d
                00000000 00000000 00000000 06000200
                00000000 08000300 02000000 08000400
                01000000 05000d00 01000000 06000e00
                17c00000 06000f00 02000000 08000500
                00000000 08000600 00000000
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS);
        assertSameRequest("ipvsadm -a -f 1 -r 192.168.1.13 -i --tun-type gue --tun-port 6080 --tun-remcsum", ipvsadm,
                sentBy(() -> client.addDestination(FWM_1, dest("192.168.1.13", 0),
                new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, new Tunnel(TunnelType.GUE, 6080, Tunnel.FLAG_REMCSUM)))));
    }

    /** {@code ipvsadm -a -f 1 -r 192.168.1.14 -i --tun-type gre --tun-csum} */
    @Test
    void addGreTunnelDestination() throws IOException {
        // Service identity only.
        byte[] ipvsadm = withoutNested(hex("""
                ac000000 20000500 00000000 00000000
                05010000 38000180 06000100 02000000
                08000500 01000000 05000600 00000000
                0c000700 00000000 ffffffff 08000800
                00000000 08000900 ffffffff 60000280
                06000b00 02000000 14000100 c0a8010e
                00000000 00000000 00000000 06000200
                00000000 08000300 02000000 08000400
                01000000 05000d00 02000000 06000e00
                00000000 06000f00 01000000 08000500
                00000000 08000600 00000000
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS);
        assertSameRequest("ipvsadm -a -f 1 -r 192.168.1.14 -i --tun-type gre --tun-csum", ipvsadm,
                sentBy(() -> client.addDestination(FWM_1, dest("192.168.1.14", 0),
                new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, new Tunnel(TunnelType.GRE, 0, Tunnel.FLAG_CSUM)))));
    }

    /** {@code ipvsadm -a -t [2001:db8::1]:443 -r [2001:db8::10]:443 -m -w 3} */
    @Test
    void addIpv6Destination() throws IOException {
        // Service identity only.
        byte[] ipvsadm = withoutNested(hex("""
                c8000000 20000500 00000000 00000000
                05010000 54000180 06000100 0a000000
                06000200 06000000 14000300 20010db8
                00000000 00000000 00000001 06000400
                01bb0000 05000600 00000000 0c000700
                00000000 ffffffff 08000800 00000000
                08000900 80000000 60000280 06000b00
                0a000000 14000100 20010db8 00000000
                00000000 00000010 06000200 01bb0000
                08000300 00000000 08000400 03000000
                05000d00 00000000 06000e00 00000000
                06000f00 00000000 08000500 00000000
                08000600 00000000
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS);
        assertSameRequest("ipvsadm -a -t [2001:db8::1]:443 -r [2001:db8::10]:443 -m -w 3", ipvsadm,
                sentBy(() -> client.addDestination(TCP6_443, dest("2001:db8::10", 443), new DestinationSettings(ForwardingMethod.MASQ, 3, 0, 0, null))));
    }

    /** {@code ipvsadm -a -f 2 -6 -r 192.168.1.15 -i} */
    @Test
    void addIpv4TunnelDestinationToIpv6Service() throws IOException {
        // The destination's own family (AF_INET) travels in IPVS_DEST_ATTR_ADDR_FAMILY. Service identity only.
        byte[] ipvsadm = withoutNested(hex("""
                ac000000 20000500 00000000 00000000
                05010000 38000180 06000100 0a000000
                08000500 02000000 05000600 00000000
                0c000700 00000000 ffffffff 08000800
                00000000 08000900 80000000 60000280
                06000b00 02000000 14000100 c0a8010f
                00000000 00000000 00000000 06000200
                00000000 08000300 02000000 08000400
                01000000 05000d00 00000000 06000e00
                00000000 06000f00 00000000 08000500
                00000000 08000600 00000000
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS);
        assertSameRequest("ipvsadm -a -f 2 -6 -r 192.168.1.15 -i", ipvsadm,
                sentBy(() -> client.addDestination(FWM6_2, dest("192.168.1.15", 0), new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, null))));
    }

    /** {@code ipvsadm -e -t 10.1.1.1:80 -r 192.168.1.10:80 -g -w 7} */
    @Test
    void editDestinationWeight() throws IOException {
        // Service identity only.
        byte[] ipvsadm = withoutNested(hex("""
                c8000000 20000500 00000000 00000000
                06010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00500000 05000600 00000000 0c000700
                00000000 ffffffff 08000800 00000000
                08000900 ffffffff 60000280 06000b00
                02000000 14000100 c0a8010a 00000000
                00000000 00000000 06000200 00500000
                08000300 03000000 08000400 07000000
                05000d00 00000000 06000e00 00000000
                06000f00 00000000 08000500 00000000
                08000600 00000000
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS);
        assertSameRequest("ipvsadm -e -t 10.1.1.1:80 -r 192.168.1.10:80 -g -w 7", ipvsadm,
                sentBy(() -> client.editDestination(TCP_80, dest("192.168.1.10", 80), new DestinationSettings(ForwardingMethod.ROUTE, 7, 0, 0, null))));
    }

    /** {@code ipvsadm -e -t 10.1.1.1:80 -r 192.168.1.11:8080 -m -w 65535 -x 0 -y 0} */
    @Test
    void editDestinationClearsThresholds() throws IOException {
        // Service identity only.
        byte[] ipvsadm = withoutNested(hex("""
                c8000000 20000500 00000000 00000000
                06010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00500000 05000600 00000000 0c000700
                00000000 ffffffff 08000800 00000000
                08000900 ffffffff 60000280 06000b00
                02000000 14000100 c0a8010b 00000000
                00000000 00000000 06000200 1f900000
                08000300 00000000 08000400 ffff0000
                05000d00 00000000 06000e00 00000000
                06000f00 00000000 08000500 00000000
                08000600 00000000
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS);
        assertSameRequest("ipvsadm -e -t 10.1.1.1:80 -r 192.168.1.11:8080 -m -w 65535 -x 0 -y 0", ipvsadm,
                sentBy(() -> client.editDestination(TCP_80, dest("192.168.1.11", 8080), new DestinationSettings(ForwardingMethod.MASQ, 65535, 0, 0, null))));
    }

    /** {@code ipvsadm -d -t 10.1.1.1:80 -r 192.168.1.10:80} */
    @Test
    void deleteDestination() throws IOException {
        // ipvsadm sends default settings of both; for a delete the kernel reads only the two identities.
        byte[] ipvsadm = withoutNested(withoutNested(hex("""
                c8000000 20000500 00000000 00000000
                07010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00500000 05000600 00000000 0c000700
                00000000 ffffffff 08000800 00000000
                08000900 ffffffff 60000280 06000b00
                02000000 14000100 c0a8010a 00000000
                00000000 00000000 06000200 00500000
                08000300 03000000 08000400 01000000
                05000d00 00000000 06000e00 00000000
                06000f00 00000000 08000500 00000000
                08000600 00000000
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS), IpvsGenl.CMD_ATTR_DEST, DESTINATION_SETTINGS);
        assertSameRequest("ipvsadm -d -t 10.1.1.1:80 -r 192.168.1.10:80", ipvsadm,
                sentBy(() -> client.deleteDestination(TCP_80, dest("192.168.1.10", 80))));
    }

    /** {@code ipvsadm -d -t [2001:db8::1]:443 -r [2001:db8::10]:443} */
    @Test
    void deleteIpv6Destination() throws IOException {
        // Identities only.
        byte[] ipvsadm = withoutNested(withoutNested(hex("""
                c8000000 20000500 00000000 00000000
                07010000 54000180 06000100 0a000000
                06000200 06000000 14000300 20010db8
                00000000 00000000 00000001 06000400
                01bb0000 05000600 00000000 0c000700
                00000000 ffffffff 08000800 00000000
                08000900 80000000 60000280 06000b00
                0a000000 14000100 20010db8 00000000
                00000000 00000010 06000200 01bb0000
                08000300 03000000 08000400 01000000
                05000d00 00000000 06000e00 00000000
                06000f00 00000000 08000500 00000000
                08000600 00000000
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS), IpvsGenl.CMD_ATTR_DEST, DESTINATION_SETTINGS);
        assertSameRequest("ipvsadm -d -t [2001:db8::1]:443 -r [2001:db8::10]:443", ipvsadm,
                sentBy(() -> client.deleteDestination(TCP6_443, dest("2001:db8::10", 443))));
    }

    /** {@code ipvsadm --set 900 120 300} */
    @Test
    void setTimeouts() throws IOException {
        byte[] ipvsadm = hex("""
                2c000000 20000500 00000000 00000000
                0c010000 08000400 84030000 08000500
                78000000 08000600 2c010000
                """);
        assertSameRequest("ipvsadm --set 900 120 300", ipvsadm,
                sentBy(() -> client.setTimeouts(new Timeouts(900, 120, 300))));
    }

    /** {@code ipvsadm --set 0 60 0} */
    @Test
    void setOneTimeoutLeavingOthers() throws IOException {
        // 0 leaves a timeout unchanged: ipvsadm sends the zeros too.
        byte[] ipvsadm = hex("""
                2c000000 20000500 00000000 00000000
                0c010000 08000400 00000000 08000500
                3c000000 08000600 00000000
                """);
        assertSameRequest("ipvsadm --set 0 60 0", ipvsadm,
                sentBy(() -> client.setTimeouts(new Timeouts(0, 60, 0))));
    }

    /** {@code ipvsadm --start-daemon master --mcast-interface veth0 --syncid 5} */
    @Test
    void startMasterSyncDaemon() throws IOException {
        byte[] ipvsadm = hex("""
                34000000 20000500 00000000 00000000
                09010000 20000380 08000100 01000000
                0a000200 76657468 30000000 08000300
                05000000
                """);
        assertSameRequest("ipvsadm --start-daemon master --mcast-interface veth0 --syncid 5", ipvsadm,
                sentBy(() -> client.startSyncDaemon(SyncDaemon.of(SyncState.MASTER, "veth0", 5))));
    }

    /** {@code ipvsadm --start-daemon backup --mcast-interface veth0 --syncid 7 --sync-maxlen 1400 --mcast-group 224.0.0.81 --mcast-port 8848 --mcast-ttl 2} */
    @Test
    void startBackupSyncDaemonWithEveryOption() throws IOException {
        // The maximum length and the port are in host order, the group in network order.
        byte[] ipvsadm = hex("""
                54000000 20000500 00000000 00000000
                09010000 40000380 08000100 02000000
                0a000200 76657468 30000000 08000300
                07000000 06000400 78050000 06000700
                90220000 05000800 02000000 08000500
                e0000051
                """);
        assertSameRequest("ipvsadm --start-daemon backup --mcast-interface veth0 --syncid 7 --sync-maxlen 1400 --mcast-group 224.0.0.81 --mcast-port 8848 --mcast-ttl 2", ipvsadm,
                sentBy(() -> client.startSyncDaemon(new SyncDaemon(SyncState.BACKUP, "veth0", 7, 1400, ip("224.0.0.81"), 8848, 2))));
    }

    /** {@code ipvsadm --start-daemon master --mcast-interface veth0 --mcast-group ff02::81} */
    @Test
    void startSyncDaemonWithIpv6Group() throws IOException {
        byte[] ipvsadm = hex("""
                48000000 20000500 00000000 00000000
                09010000 34000380 08000100 01000000
                0a000200 76657468 30000000 08000300
                00000000 14000600 ff020000 00000000
                00000000 00000081
                """);
        assertSameRequest("ipvsadm --start-daemon master --mcast-interface veth0 --mcast-group ff02::81", ipvsadm,
                sentBy(() -> client.startSyncDaemon(new SyncDaemon(SyncState.MASTER, "veth0", 0, 0, ip("ff02::81"), 0, 0))));
    }

    /** {@code ipvsadm --stop-daemon master} */
    @Test
    void stopSyncDaemon() throws IOException {
        // ipvsadm adds an empty interface name and sync id 0; the kernel reads only the state.
        byte[] ipvsadm = withoutNested(hex("""
                30000000 20000500 00000000 00000000
                0a010000 1c000380 08000100 01000000
                05000200 00000000 08000300 00000000
                """), IpvsGenl.CMD_ATTR_DAEMON, Set.of(IpvsGenl.DAEMON_ATTR_MCAST_IFN, IpvsGenl.DAEMON_ATTR_SYNC_ID));
        assertSameRequest("ipvsadm --stop-daemon master", ipvsadm,
                sentBy(() -> client.stopSyncDaemon(SyncState.MASTER)));
    }

    /** {@code ipvsadm -Z} */
    @Test
    void zeroAllCounters() throws IOException {
        byte[] ipvsadm = hex("""
                14000000 20000500 00000000 00000000
                10010000
                """);
        assertSameRequest("ipvsadm -Z", ipvsadm,
                sentBy(() -> client.zero()));
    }

    /** {@code ipvsadm -Z -t 10.1.1.1:80} */
    @Test
    void zeroServiceCounters() throws IOException {
        // Service identity only.
        byte[] ipvsadm = withoutNested(hex("""
                68000000 20000500 00000000 00000000
                10010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00500000 05000600 00000000 0c000700
                00000000 ffffffff 08000800 00000000
                08000900 ffffffff
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS);
        assertSameRequest("ipvsadm -Z -t 10.1.1.1:80", ipvsadm,
                sentBy(() -> client.zero(TCP_80)));
    }

    /** {@code ipvsadm -C} */
    @Test
    void flush() throws IOException {
        byte[] ipvsadm = hex("""
                14000000 20000500 00000000 00000000
                11010000
                """);
        assertSameRequest("ipvsadm -C", ipvsadm,
                sentBy(() -> client.flush()));
    }

    /** {@code ipvsadm -Ln} */
    @Test
    void getInfo() throws IOException {
        byte[] ipvsadm = hex("""
                14000000 20000500 00000000 00000000
                0f010000
                """);
        assertSameRequest("ipvsadm -Ln", ipvsadm,
                sentBy(() -> client.info()));
    }

    /** {@code ipvsadm -Ln} */
    @Test
    void dumpServices() throws IOException {
        // ipvsadm's libnl adds NLM_F_ACK to dumps; the kernel sends no ack for a dump, and our dumps do not
        // ask.
        byte[] ipvsadm = withFlags(hex("""
                14000000 20000503 00000000 00000000
                04010000
                """), Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        assertSameRequest("ipvsadm -Ln", ipvsadm,
                sentBy(() -> client.services()));
    }

    /** {@code ipvsadm -Ln} */
    @Test
    void dumpDestinationsOfAddressService() throws IOException {
        // No NLM_F_ACK, as for dumpServices.
        byte[] ipvsadm = withFlags(hex("""
                44000000 20000503 00000000 00000000
                08010000 30000180 06000100 02000000
                06000200 06000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00500000
                """), Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        assertSameRequest("ipvsadm -Ln", ipvsadm,
                sentBy(() -> client.destinations(TCP_80)));
    }

    /** {@code ipvsadm -Ln} */
    @Test
    void dumpDestinationsOfFwmarkService() throws IOException {
        // No NLM_F_ACK, as for dumpServices.
        byte[] ipvsadm = withFlags(hex("""
                28000000 20000503 00000000 00000000
                08010000 14000180 06000100 02000000
                08000500 01000000
                """), Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        assertSameRequest("ipvsadm -Ln", ipvsadm,
                sentBy(() -> client.destinations(FWM_1)));
    }

    /** {@code ipvsadm -Ln -t 10.1.1.1:80} */
    @Test
    void getService() throws IOException {
        // ipvsadm's lookup carries an empty scheduler and zeros; the kernel reads only the identity.
        byte[] ipvsadm = withoutNested(hex("""
                68000000 20000500 00000000 00000000
                04010000 54000180 06000100 02000000
                06000200 06000000 14000300 0a010101
                00000000 00000000 00000000 06000400
                00500000 05000600 00000000 0c000700
                00000000 ffffffff 08000800 00000000
                08000900 00000000
                """), IpvsGenl.CMD_ATTR_SERVICE, SERVICE_SETTINGS);
        assertSameRequest("ipvsadm -Ln -t 10.1.1.1:80", ipvsadm,
                sentBy(() -> client.service(TCP_80)));
    }

    /** {@code ipvsadm -L --timeout} */
    @Test
    void getTimeouts() throws IOException {
        byte[] ipvsadm = hex("""
                14000000 20000500 00000000 00000000
                0d010000
                """);
        assertSameRequest("ipvsadm -L --timeout", ipvsadm,
                sentBy(() -> client.timeouts()));
    }

    /** {@code ipvsadm -L --daemon} */
    @Test
    void dumpSyncDaemons() throws IOException {
        // No NLM_F_ACK, as for dumpServices.
        byte[] ipvsadm = withFlags(hex("""
                14000000 20000503 00000000 00000000
                0b010000
                """), Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        assertSameRequest("ipvsadm -L --daemon", ipvsadm,
                sentBy(() -> client.syncDaemons()));
    }
}
