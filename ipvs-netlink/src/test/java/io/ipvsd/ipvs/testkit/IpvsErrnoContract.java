package io.ipvsd.ipvs.testkit;

import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_ATTR_DAEMON;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_ATTR_SERVICE;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_ATTR_TIMEOUT_TCP;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_NEW_DAEMON;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_NEW_DEST;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_NEW_SERVICE;
import static io.ipvsd.ipvs.wire.IpvsGenl.CMD_SET_CONFIG;
import static io.ipvsd.ipvs.wire.IpvsGenl.DAEMON_ATTR_MCAST_GROUP;
import static io.ipvsd.ipvs.wire.IpvsGenl.DAEMON_ATTR_MCAST_IFN;
import static io.ipvsd.ipvs.wire.IpvsGenl.DAEMON_ATTR_STATE;
import static io.ipvsd.ipvs.wire.IpvsGenl.DAEMON_ATTR_SYNC_ID;
import static io.ipvsd.ipvs.wire.IpvsGenl.SVC_ATTR_AF;
import static io.ipvsd.ipvs.Fixtures.dest;
import static io.ipvsd.ipvs.Fixtures.ip;
import static io.ipvsd.ipvs.Fixtures.tcp;
import static io.ipvsd.netlink.Errno.EEXIST;
import static io.ipvsd.netlink.Errno.EINVAL;
import static io.ipvsd.netlink.Errno.ENODEV;
import static io.ipvsd.netlink.Errno.ENOENT;
import static io.ipvsd.netlink.Errno.ERANGE;
import static io.ipvsd.netlink.Errno.ESRCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipvsd.genl.FamilyResolver;
import io.ipvsd.genl.Genl;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.ServiceFlags;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.SyncState;
import io.ipvsd.ipvs.Tunnel;
import io.ipvsd.ipvs.TunnelType;
import io.ipvsd.ipvs.wire.DestinationCodec;
import io.ipvsd.ipvs.wire.IpvsGenl;
import io.ipvsd.ipvs.wire.ServiceCodec;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.Connection;
import io.ipvsd.netlink.NetlinkException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The errno of each refusal of Linux 6.1's IPVS, as a contract: FakeKernelErrnoTest runs it
 * against {@link FakeIpvsKernel} on the host, IpvsErrnoKernelTest (test-vm) against the real
 * kernel, so the fake cannot drift from what it stands in for. Values our client refuses itself
 * are sent raw.
 */
public abstract class IpvsErrnoContract {
    private static final ServiceSettings WLC = new ServiceSettings("wlc", 0, 0, 0xffffffffL, null);
    private static final DestinationSettings MASQ = new DestinationSettings(ForwardingMethod.MASQ, 1, 0, 0, null);

    private AddressServiceKey web;
    private DestinationKey real;
    private IpvsClient client;
    private Connection raw;
    private int familyId;

    /** A client of the kernel under test. */
    protected abstract IpvsClient openClient() throws IOException;

    /** A bare connection to the same kernel, for requests the client would refuse to send. */
    protected abstract Connection openRawConnection() throws IOException;

    /** A client of a second, empty kernel (another namespace, another fake). */
    protected abstract IpvsClient openSeparateKernel() throws IOException;

    @BeforeEach
    void open() throws Exception {
        web = tcp("192.0.2.1", 80);
        real = dest("198.51.100.1", 80);
        client = openClient();
        raw = openRawConnection();
        familyId = FamilyResolver.resolve(raw, IpvsGenl.FAMILY_NAME, null).id();
        client.addService(web, WLC);
        client.addDestination(web, real, MASQ);
    }

    @AfterEach
    void close() {
        client.close();
        raw.close();
    }

    @Test
    void servicesAndDestinations() throws Exception {
        AddressServiceKey missing = tcp("192.0.2.99", 80);
        assertEquals(EEXIST, errno(() -> client.addService(web, WLC)));
        assertEquals(ESRCH, errno(() -> client.editService(missing, WLC)));
        assertEquals(ESRCH, errno(() -> client.deleteService(missing)));
        assertEquals(ESRCH, errno(() -> client.zero(missing)));
        assertEquals(ESRCH, errno(() -> client.addDestination(missing, real, MASQ)));
        assertEquals(EEXIST, errno(() -> client.addDestination(web, real, MASQ)));
        assertEquals(ENOENT, errno(() -> client.editDestination(web, dest("198.51.100.9", 80), MASQ)));
        assertEquals(ENOENT, errno(() -> client.deleteDestination(web, dest("198.51.100.9", 80))));
        assertEquals(ENOENT, errno(() -> client.addService(tcp("192.0.2.2", 80),
                new ServiceSettings("nosuch", 0, 0, 0xffffffffL, null))));
        assertEquals(ENOENT, errno(() -> client.addService(tcp("192.0.2.2", 80),
                new ServiceSettings("rr", ServiceFlags.PERSISTENT, 60, 0xffffffffL, "nosuch"))));
    }

    @Test
    void valuesOnlyTheKernelChecksWhenSentRaw() throws Exception {
        assertEquals(ERANGE, rawDestination(new DestinationSettings(ForwardingMethod.MASQ, 1, 0, 5, null), real));
        assertEquals(ERANGE, rawDestination(new DestinationSettings(ForwardingMethod.MASQ, -1, 0, 0, null), real));
        assertEquals(EINVAL, rawDestination(new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0,
                new Tunnel(TunnelType.GUE, 0, 0)), dest("198.51.100.7", 80)));
        assertEquals(EINVAL, rawDestination(MASQ, dest("2001:db8::7", 80)));
        ServiceKey v6 = new AddressServiceKey(Protocol.TCP, ip("2001:db8::1"), 80);
        assertEquals(EINVAL, rawErrno(CMD_NEW_SERVICE, w -> ServiceCodec.encode(w, v6, new ServiceSettings("rr", 0, 0, 129, null))));
        assertEquals(EINVAL, rawErrno(CMD_NEW_SERVICE, w -> w.nested(CMD_ATTR_SERVICE, n -> n.u16(SVC_ATTR_AF, 2))));
        assertEquals(EINVAL, rawErrno(CMD_SET_CONFIG, w -> w.u32(CMD_ATTR_TIMEOUT_TCP, Integer.MAX_VALUE / 250 + 1)));
        assertEquals(EINVAL, rawErrno(CMD_NEW_DAEMON, w -> w.nested(CMD_ATTR_DAEMON, n -> n.u32(DAEMON_ATTR_STATE, 1)
                .string(DAEMON_ATTR_MCAST_IFN, "lo").u32(DAEMON_ATTR_SYNC_ID, 0)
                .bytes(DAEMON_ATTR_MCAST_GROUP, new byte[] {10, 0, 0, 1}))));
    }

    @Test
    void syncDaemons() throws Exception {
        assertEquals(ENODEV, errno(() -> client.startSyncDaemon(SyncDaemon.of(SyncState.MASTER, "nosuch0", 1))));
        assertEquals(ESRCH, errno(() -> client.stopSyncDaemon(SyncState.BACKUP)));
        client.startSyncDaemon(SyncDaemon.of(SyncState.MASTER, "lo", 1));
        assertEquals(EEXIST, errno(() -> client.startSyncDaemon(SyncDaemon.of(SyncState.MASTER, "lo", 2))));
        // No destination of another family than its service while a daemon syncs...
        DestinationSettings ipip = new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, null);
        assertEquals(EINVAL, errno(() -> client.addDestination(web, dest("2001:db8::7", 80), ipip)));
        // ...and no daemon while there is one (in a kernel of its own: the daemon above stays).
        try (IpvsClient mixed = openSeparateKernel()) {
            mixed.addService(web, WLC);
            mixed.addDestination(web, dest("2001:db8::7", 80), ipip);
            assertEquals(EINVAL, errno(() -> mixed.startSyncDaemon(SyncDaemon.of(SyncState.BACKUP, "lo", 1))));
        }
    }

    @Test
    void aMissingServiceReadsAsNothingRatherThanAnError() throws Exception {
        assertEquals(Optional.empty(), client.service(tcp("192.0.2.99", 80))); // ESRCH from GET_SERVICE
        assertEquals(List.of(), client.destinations(tcp("192.0.2.99", 80))); // an empty dump
    }

    private interface Call {
        void run() throws IOException;
    }

    private static int errno(Call call) {
        return assertThrows(NetlinkException.class, call::run).errno();
    }

    private int rawDestination(DestinationSettings settings, DestinationKey key) throws IOException {
        return rawErrno(CMD_NEW_DEST, w -> {
            ServiceCodec.encodeKey(w, web);
            DestinationCodec.encode(w, key, settings);
        });
    }

    private int rawErrno(int cmd, Consumer<AttrWriter> attrs) throws IOException {
        AttrWriter w = new AttrWriter();
        attrs.accept(w);
        try {
            raw.execute("raw", Genl.message(familyId, 0, cmd, IpvsGenl.VERSION, w));
            return 0;
        } catch (NetlinkException e) {
            return e.errno();
        }
    }
}
