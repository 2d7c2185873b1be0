package io.ipvsd.ipvs;

import static io.ipvsd.ipvs.Fixtures.ALL_ONES;
import static io.ipvsd.ipvs.Fixtures.dest;
import static io.ipvsd.ipvs.Fixtures.ip;
import static io.ipvsd.ipvs.Fixtures.sched;
import static io.ipvsd.ipvs.Fixtures.tcp;
import static io.ipvsd.ipvs.Fixtures.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.ipvs.testkit.FakeIpvsKernel;
import io.ipvsd.netlink.Connection;
import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.NetlinkException;
import io.ipvsd.netlink.NetlinkSocket;
import java.io.IOException;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the fake kernel: what it sends, decodes, and how it reports refusals. */
class IpvsClientTest {
    private static final AddressServiceKey WEB = tcp("192.0.2.1", 80);
    private static final DestinationKey REAL = dest("198.51.100.1", 80);

    private final FakeIpvsKernel kernel = new FakeIpvsKernel();
    private final AtomicInteger datagramsSent = new AtomicInteger();
    private IpvsClient client;

    @BeforeEach
    void open() throws IOException {
        client = IpvsClient.over(new Connection(countingSends(kernel), Duration.ofSeconds(1)));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aServiceReadsBackAsItWasWritten() throws IOException {
        ServiceSettings settings = new ServiceSettings("sh", ServiceFlags.PERSISTENT | ServiceFlags.SH_PORT, 600,
                0xffffff00L, null);
        client.addService(WEB, settings);

        assertEquals(List.of(new Service(WEB, settings, Stats.ZERO)), client.services());
        assertEquals(Optional.of(new Service(WEB, settings, Stats.ZERO)), client.service(WEB));
    }

    @Test
    void aMissingServiceIsEmptyNotAnError() throws IOException {
        assertEquals(Optional.empty(), client.service(WEB));
        assertEquals(List.of(), client.destinations(WEB));
    }

    @Test
    void destinationsReadBackWithTheirTunnels() throws IOException {
        ServiceKey fwmark = new FwmarkServiceKey(AddressFamily.INET6, 7);
        client.addService(fwmark, sched("mh", fwmark));
        DestinationSettings gue = new DestinationSettings(ForwardingMethod.TUNNEL, 3, 100, 10,
                new Tunnel(TunnelType.GUE, 6080, Tunnel.FLAG_CSUM));
        client.addDestination(fwmark, dest("192.0.2.9", 0), gue);
        client.addDestination(fwmark, dest("2001:db8::9", 0), weight(ForwardingMethod.ROUTE, 1));

        List<Destination> dests = client.destinations(fwmark);

        assertEquals(List.of(
                new Destination(dest("2001:db8::9", 0), AddressFamily.INET6, weight(ForwardingMethod.ROUTE, 1), 0, 0, 0, Stats.ZERO),
                new Destination(dest("192.0.2.9", 0), AddressFamily.INET, gue, 0, 0, 0, Stats.ZERO)), dests);
    }

    @Test
    void editsChangeSettingsInPlace() throws IOException {
        client.addService(WEB, sched("wlc", WEB));
        client.addDestination(WEB, REAL, weight(ForwardingMethod.MASQ, 1));

        client.editService(WEB, sched("rr", WEB));
        client.editDestination(WEB, REAL, new DestinationSettings(ForwardingMethod.MASQ, 0, 50, 5, null));

        assertEquals("rr", client.services().get(0).settings().scheduler());
        assertEquals(new DestinationSettings(ForwardingMethod.MASQ, 0, 50, 5, null), client.destinations(WEB).get(0).settings());
    }

    @Test
    void aRefusalNamesTheOpAndTheErrno() throws IOException {
        client.addService(WEB, sched("wlc", WEB));
        client.addDestination(WEB, REAL, weight(ForwardingMethod.ROUTE, 1));

        NetlinkException dup = assertThrows(NetlinkException.class,
                () -> client.addDestination(WEB, REAL, weight(ForwardingMethod.ROUTE, 1)));
        NetlinkException gone = assertThrows(NetlinkException.class, () -> client.deleteService(tcp("192.0.2.2", 80)));

        assertEquals("add destination 198.51.100.1:80 to TCP 192.0.2.1:80: EEXIST (File exists)", dup.getMessage());
        assertEquals(Errno.EEXIST, dup.errno());
        assertEquals("delete service TCP 192.0.2.2:80: ESRCH (No such process)", gone.getMessage());
    }

    @Test
    void invalidValuesAreRefusedBeforeAnythingIsSent() {
        int before = kernel.received().size();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.addDestination(WEB, REAL,
                new DestinationSettings(ForwardingMethod.ROUTE, 1, 0, 5, null)));

        assertEquals("destination 198.51.100.1:80 of TCP 192.0.2.1:80: lower threshold 5 is above upper threshold 0",
                e.getMessage());
        assertEquals(before, kernel.received().size());
    }

    @Test
    void applyMapsEachResultToItsOp() throws IOException {
        client.addService(WEB, sched("wlc", WEB));
        List<IpvsOp> ops = List.of(
                new IpvsOp.AddDestination(WEB, dest("198.51.100.1", 80), weight(ForwardingMethod.MASQ, 1)),
                new IpvsOp.AddService(WEB, sched("rr", WEB)),
                new IpvsOp.AddDestination(WEB, dest("198.51.100.2", 80), weight(ForwardingMethod.MASQ, 1)),
                new IpvsOp.DeleteDestination(tcp("192.0.2.3", 80), REAL));

        List<IpvsOpResult> results = client.apply(ops);

        assertEquals(4, results.size());
        assertEquals(List.of(0, Errno.EEXIST, 0, Errno.ESRCH), results.stream().map(IpvsOpResult::errno).toList());
        for (int i = 0; i < ops.size(); i++) {
            assertEquals(ops.get(i), results.get(i).op());
        }
        assertEquals("add service TCP 192.0.2.1:80: EEXIST (File exists)", results.get(1).toString());
        assertEquals(2, client.destinations(WEB).size(), "the ops after the refused one were applied");
    }

    @Test
    void applySendsLongListsInChunksOfAtMost512() throws IOException {
        List<IpvsOp> ops = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            AddressServiceKey key = tcp("10.0." + (i / 250) + "." + (i % 250 + 1), 80);
            ops.add(new IpvsOp.AddService(key, sched("rr", key)));
        }
        int before = datagramsSent.get();

        List<IpvsOpResult> results = client.apply(ops);

        assertEquals(3, datagramsSent.get() - before);
        assertTrue(results.stream().allMatch(IpvsOpResult::ok));
        assertEquals(1100, client.services().size());
        assertEquals(List.of(), client.apply(List.of()));
    }

    @Test
    void timeoutsOfZeroAreLeftAsTheyWere() throws IOException {
        assertEquals(new Timeouts(900, 120, 300), client.timeouts());

        client.setTimeouts(new Timeouts(0, 60, 0));

        assertEquals(new Timeouts(900, 60, 300), client.timeouts());
        assertThrows(IllegalArgumentException.class, () -> client.setTimeouts(new Timeouts(86400 * 31 + 1, 0, 0)));
    }

    @Test
    void syncDaemonsStartListAndStop() throws IOException {
        client.startSyncDaemon(SyncDaemon.of(SyncState.MASTER, "lo", 9));

        assertEquals(List.of(new SyncDaemon(SyncState.MASTER, "lo", 9, 1472, ip("224.0.0.81"), 8848, 1)),
                client.syncDaemons());
        assertEquals(Errno.EEXIST, assertThrows(NetlinkException.class,
                () -> client.startSyncDaemon(SyncDaemon.of(SyncState.MASTER, "lo", 9))).errno());
        client.stopSyncDaemon(SyncState.MASTER);
        NetlinkException stopped = assertThrows(NetlinkException.class, () -> client.stopSyncDaemon(SyncState.MASTER));
        assertEquals("stop master sync daemon: ESRCH (No such process)", stopped.getMessage());
    }

    @Test
    void zeroAndFlush() throws IOException {
        client.addService(WEB, sched("wlc", WEB));
        kernel.setStats(WEB, new Stats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));

        client.zero(WEB);
        assertEquals(Stats.ZERO, client.services().get(0).stats());
        client.zero();
        client.flush();

        assertEquals(List.of(), client.services());
    }

    @Test
    void infoReportsTheVersion() throws IOException {
        assertEquals(new IpvsInfo("1.2.1", 4096), client.info());
    }

    @Test
    void theFakeCountsWritesAndInjectsFailures() throws IOException {
        kernel.resetWriteCount();
        client.services();
        client.info();
        assertEquals(0, kernel.writeCount(), "reads are not writes");

        kernel.failWhen(r -> r.isWrite() && REAL.equals(r.destination()), Errno.ENOMEM);
        client.addService(WEB, sched("wlc", WEB));
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> client.addDestination(WEB, REAL, weight(ForwardingMethod.ROUTE, 1)));

        assertEquals(Errno.ENOMEM, e.errno());
        assertEquals(2, kernel.writeCount());
        assertEquals(List.of(), client.destinations(WEB), "a refused write changes nothing");
    }

    @Test
    void statsArePreferredFrom64BitCounters() throws IOException {
        client.addService(WEB, sched("wlc", WEB));
        Stats big = new Stats(1L << 40, 2, 3, 1L << 50, 5, 6, 7, 8, 9, 10);
        kernel.setStats(WEB, big);

        assertEquals(big, client.services().get(0).stats());
    }

    @Test
    void defaultNetmasksOfBothFamiliesAreAccepted() throws IOException {
        ServiceKey v6 = new AddressServiceKey(Protocol.UDP, ip("2001:db8::1"), 53);
        client.addService(v6, sched("rr", v6));
        client.addService(WEB, new ServiceSettings("rr", 0, 0, ALL_ONES, null));

        assertEquals(2, client.services().size());
    }

    @Test
    void anIpv4MappedIpv6ServiceStaysIpv6() throws IOException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1};
        ServiceKey key = new AddressServiceKey(Protocol.TCP, Inet6Address.getByAddress(null, mapped, -1), 80);
        client.addService(key, sched("rr", key));

        ServiceKey read = client.services().get(0).key();

        assertEquals(key, read);
        assertEquals(AddressFamily.INET6, read.family());
    }

    private NetlinkSocket countingSends(NetlinkSocket socket) {
        return new NetlinkSocket() {
            @Override
            public int portId() {
                return socket.portId();
            }

            @Override
            public void send(byte[] datagram) throws IOException {
                datagramsSent.incrementAndGet();
                socket.send(datagram);
            }

            @Override
            public byte[] receive(long deadlineNanos) throws IOException {
                return socket.receive(deadlineNanos);
            }

            @Override
            public void close() {
                socket.close();
            }
        };
    }
}
