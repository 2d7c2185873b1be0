package io.ipvsd.ipvs;

import static io.ipvsd.ipvs.Fixtures.ALL_ONES;
import static io.ipvsd.ipvs.Fixtures.dest;
import static io.ipvsd.ipvs.Fixtures.ip;
import static io.ipvsd.ipvs.Fixtures.tcp;
import static io.ipvsd.ipvs.Fixtures.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipvsd.ipvs.wire.IpvsReplies;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoders against replies of the real 6.1 kernel ({@link CapturedReplies}). */
class ReplyDecodingTest {
    private static final ServiceKey FWM_1 = new FwmarkServiceKey(AddressFamily.INET, 1);
    private static final ServiceKey FWM6_2 = new FwmarkServiceKey(AddressFamily.INET6, 2);

    @Test
    void decodesEveryKindOfServiceOfADump() throws Exception {
        List<Service> services = new ArrayList<>();
        for (NetlinkMessage m : messages(CapturedReplies.SERVICE_DUMP)) {
            services.add(IpvsReplies.service(m));
        }
        int persistent = ServiceFlags.PERSISTENT;
        List<Service> expected = List.of(
                service(tcp("10.1.1.1", 80), "sed", persistent, 900, ALL_ONES, null),
                service(tcp("10.1.1.2", 80), "wlc", persistent, 360, 0xffffff00L, null),
                service(tcp("10.1.1.3", 0), "dh", persistent, 10, ALL_ONES, null),
                service(udp("10.1.1.1", 53), "sh", ServiceFlags.SH_FALLBACK | ServiceFlags.SH_PORT, 0, ALL_ONES, null),
                service(udp("10.1.1.1", 5060), "rr", ServiceFlags.ONEPACKET, 0, ALL_ONES, null),
                service(udp("10.1.1.1", 5061), "rr", persistent, 60, ALL_ONES, "sip"),
                service(new AddressServiceKey(Protocol.SCTP, ip("10.1.1.1"), 5000), "lc", 0, 0, ALL_ONES, null),
                service(new AddressServiceKey(Protocol.TCP, ip("2001:db8::1"), 443), "wrr", persistent, 300, 64, null),
                service(FWM_1, "rr", 0, 0, ALL_ONES, null),
                service(FWM6_2, "mh", ServiceFlags.MH_FALLBACK | ServiceFlags.MH_PORT, 0, 128, null));
        assertEquals(sorted(expected), sorted(services));
    }

    @Test
    void theKernelsHashedFlagIsNotPartOfTheSettings() throws Exception {
        // The capture's flags attribute is 0x02 (HASHED) for this rr service without flags.
        Service s = IpvsReplies.service(messages(CapturedReplies.SERVICE_WITH_HEAVY_DESTINATION).get(0));
        assertEquals(service(tcp("10.1.1.1", 80), "rr", 0, 0, ALL_ONES, null), s);
    }

    @Test
    void decodesMasqAndTunnelDestinations() throws Exception {
        // Newest first: the kernel adds a destination at the head of its list.
        assertEquals(List.of(
                        destination("192.168.1.12", 80, new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, Tunnel.IPIP)),
                        destination("192.168.1.11", 8080, new DestinationSettings(ForwardingMethod.MASQ, 65535, 0, 0, null))),
                destinations(CapturedReplies.DESTINATIONS_OF_TCP_80, AddressFamily.INET));
    }

    @Test
    void decodesGueAndGreTunnelOptions() throws Exception {
        assertEquals(List.of(
                        destination("192.168.1.16", 0, tunnel(new Tunnel(TunnelType.GUE, 6081, 0))),
                        destination("192.168.1.14", 0, tunnel(new Tunnel(TunnelType.GRE, 0, Tunnel.FLAG_CSUM))),
                        destination("192.168.1.13", 0, tunnel(new Tunnel(TunnelType.GUE, 6080, Tunnel.FLAG_REMCSUM)))),
                destinations(CapturedReplies.DESTINATIONS_OF_FWM_1, AddressFamily.INET));
    }

    @Test
    void anIpv4DestinationOfAnIpv6ServiceKeepsItsOwnFamily() throws Exception {
        assertEquals(List.of(destination("192.168.1.15", 0, tunnel(Tunnel.IPIP))),
                destinations(CapturedReplies.DESTINATIONS_OF_FWM6_2, AddressFamily.INET6));
    }

    @Test
    void weightsAboveSixteenBitsSurvive() throws Exception {
        assertEquals(List.of(
                        destination("10.1.1.1", 80, new DestinationSettings(ForwardingMethod.MASQ, 1, 0, 0, null)),
                        destination("192.168.1.10", 80, new DestinationSettings(ForwardingMethod.ROUTE, 70000, 0, 0, null))),
                destinations(CapturedReplies.DESTINATIONS_WITH_HEAVY_WEIGHT, AddressFamily.INET));
    }

    @Test
    void decodesSyncDaemonsWithTheKernelsDefaults() throws Exception {
        List<NetlinkMessage> ms = messages(CapturedReplies.DAEMONS);
        assertEquals(new SyncDaemon(SyncState.MASTER, "veth0", 5, 1472, ip("224.0.0.81"), 8848, 1),
                IpvsReplies.syncDaemon(ms.get(0)));
        assertEquals(new SyncDaemon(SyncState.BACKUP, "veth0", 7, 1400, ip("224.0.0.81"), 8848, 2),
                IpvsReplies.syncDaemon(ms.get(1)));
        assertEquals(new SyncDaemon(SyncState.MASTER, "veth0", 0, 1452, ip("ff02::81"), 8848, 1),
                IpvsReplies.syncDaemon(messages(CapturedReplies.DAEMON_IPV6_GROUP).get(0)));
    }

    @Test
    void decodesTimeoutsAndInfo() throws Exception {
        assertEquals(new Timeouts(900, 60, 300), IpvsReplies.timeouts(messages(CapturedReplies.TIMEOUTS).get(0)));
        assertEquals(new IpvsInfo("1.2.1", 4096), IpvsReplies.info(messages(CapturedReplies.INFO).get(0)));
    }

    @Test
    void aReplyOfAnotherCommandIsRefused() throws Exception {
        NetlinkMessage daemon = messages(CapturedReplies.DAEMONS).get(0);
        NetlinkProtocolException e = assertThrows(NetlinkProtocolException.class, () -> IpvsReplies.service(daemon));
        assertEquals("service: reply has command 9, expected 1", e.getMessage());
    }

    private static List<Destination> destinations(byte[] datagram, AddressFamily serviceFamily) throws Exception {
        List<Destination> out = new ArrayList<>();
        for (NetlinkMessage m : messages(datagram)) {
            out.add(IpvsReplies.destination(m, serviceFamily));
        }
        return out;
    }

    private static Service service(ServiceKey key, String scheduler, int flags, int timeout, long netmask, String pe) {
        return new Service(key, new ServiceSettings(scheduler, flags, timeout, netmask, pe), Stats.ZERO);
    }

    private static Destination destination(String address, int port, DestinationSettings settings) {
        DestinationKey key = dest(address, port);
        return new Destination(key, AddressFamily.of(key.address()), settings, 0, 0, 0, Stats.ZERO);
    }

    private static DestinationSettings tunnel(Tunnel t) {
        return new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, t);
    }

    /** The data messages of a captured datagram (a dump's NLMSG_DONE left out). */
    static List<NetlinkMessage> messages(byte[] datagram) throws NetlinkProtocolException {
        List<NetlinkMessage> out = new ArrayList<>(NetlinkMessage.decodeAll(ByteBuffer.wrap(datagram)));
        out.removeIf(m -> m.type() == Netlink.NLMSG_DONE);
        return out;
    }

    private static List<Service> sorted(List<Service> services) {
        List<Service> s = new ArrayList<>(services);
        s.sort(Comparator.comparing(x -> x.key().toString()));
        return s;
    }
}
