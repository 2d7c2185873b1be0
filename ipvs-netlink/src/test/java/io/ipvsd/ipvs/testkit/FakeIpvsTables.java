package io.ipvsd.ipvs.testkit;

import static io.ipvsd.ipvs.wire.IpvsGenl.*;
import static io.ipvsd.netlink.Errno.EAFNOSUPPORT;
import static io.ipvsd.netlink.Errno.EEXIST;
import static io.ipvsd.netlink.Errno.EINVAL;
import static io.ipvsd.netlink.Errno.ENODEV;
import static io.ipvsd.netlink.Errno.ENOENT;
import static io.ipvsd.netlink.Errno.ERANGE;
import static io.ipvsd.netlink.Errno.ESRCH;

import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.Scheduler;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.Stats;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.SyncState;
import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.ipvs.TunnelType;
import io.ipvsd.ipvs.wire.AttrTable;
import io.ipvsd.ipvs.wire.DestinationCodec;
import io.ipvsd.ipvs.wire.ServiceCodec;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The IPVS tables of the fake kernel and the rules of ip_vs_ctl.c (Linux 6.1) that decide each
 * errno. Every write checks everything before it changes anything, so a refused request leaves
 * the tables as they were.
 */
final class FakeIpvsTables {
    /** Debian's kernels tick at 250 Hz: timeouts above INT_MAX / HZ seconds are refused. */
    private static final int HZ = 250;
    private static final Set<String> SCHEDULERS = Stream.concat(Stream.of("none"),
            Stream.of(Scheduler.values()).map(Scheduler::kernelName)).collect(Collectors.toSet());
    private static final Set<String> PERSISTENCE_ENGINES = Set.of("sip");
    private static final int SYNC_PORT = 8848;
    private static final InetAddress SYNC_GROUP = address(new byte[] {(byte) 224, 0, 0, 81});

    private static final class Entry {
        ServiceSettings settings;
        Stats stats = Stats.ZERO;
        final Map<DestinationKey, Destination> destinations = new LinkedHashMap<>();
    }

    private final Map<ServiceKey, Entry> services = new LinkedHashMap<>();
    private final Map<SyncState, SyncDaemon> daemons = new EnumMap<>(SyncState.class);
    private final Map<String, Integer> interfaceMtus = new HashMap<>(Map.of("lo", 65536));
    private Timeouts timeouts = new Timeouts(900, 120, 300);

    // --- reads ---------------------------------------------------------------------------------

    /** Address services first, then fwmark services, as the kernel walks its two hash tables. */
    List<Service> services() {
        return services.entrySet().stream()
                .sorted(Comparator.comparing(e -> e.getKey() instanceof FwmarkServiceKey)) // stable: in order added
                .map(e -> new Service(e.getKey(), e.getValue().settings, e.getValue().stats))
                .toList();
    }

    Service service(AttrTable top) throws KernelError {
        ServiceKey key = serviceKey(top);
        Entry e = existing(key);
        return new Service(key, e.settings, e.stats);
    }

    /** The kernel answers a dump for a missing or malformed service with nothing, not an error. */
    List<Destination> destinations(AttrTable top) {
        try {
            return destinations(serviceKey(top));
        } catch (KernelError e) {
            return List.of();
        }
    }

    /** Newest first: the kernel adds a destination at the head of its list. */
    List<Destination> destinations(ServiceKey key) {
        Entry e = services.get(key);
        List<Destination> out = e == null ? new ArrayList<>() : new ArrayList<>(e.destinations.values());
        Collections.reverse(out);
        return out;
    }

    List<SyncDaemon> daemons() {
        return new ArrayList<>(daemons.values());
    }

    Timeouts timeouts() {
        return timeouts;
    }

    // --- writes --------------------------------------------------------------------------------

    void flush() {
        services.clear();
    }

    void setTimeouts(AttrTable top) throws KernelError {
        int tcp = top.has(CMD_ATTR_TIMEOUT_TCP) ? timeout(top, CMD_ATTR_TIMEOUT_TCP) : 0;
        int fin = top.has(CMD_ATTR_TIMEOUT_TCP_FIN) ? timeout(top, CMD_ATTR_TIMEOUT_TCP_FIN) : 0;
        int udp = top.has(CMD_ATTR_TIMEOUT_UDP) ? timeout(top, CMD_ATTR_TIMEOUT_UDP) : 0;
        timeouts = new Timeouts(tcp != 0 ? tcp : timeouts.tcp(), fin != 0 ? fin : timeouts.tcpFin(),
                udp != 0 ? udp : timeouts.udp());
    }

    void zero(AttrTable top) throws KernelError {
        if (!top.has(CMD_ATTR_SERVICE)) {
            services.values().forEach(FakeIpvsTables::zero);
            return;
        }
        zero(existing(serviceKey(top)));
    }

    void addService(AttrTable top) throws KernelError {
        ServiceKey key = serviceKey(top);
        ServiceSettings s = serviceSettings(top, key, 0);
        if (services.containsKey(key)) {
            throw new KernelError(EEXIST);
        }
        checkServiceSettings(key, s);
        Entry e = new Entry();
        e.settings = s;
        services.put(key, e);
    }

    void editService(AttrTable top) throws KernelError {
        ServiceKey key = serviceKey(top);
        Entry e = services.get(key);
        ServiceSettings s = serviceSettings(top, key, e == null ? 0 : e.settings.flags());
        if (e == null) {
            throw new KernelError(ESRCH);
        }
        checkServiceSettings(key, s);
        e.settings = s;
    }

    void deleteService(AttrTable top) throws KernelError {
        ServiceKey key = serviceKey(top);
        existing(key);
        services.remove(key);
    }

    void addDestination(AttrTable top) throws KernelError {
        ServiceKey service = serviceKey(top);
        Entry svc = existing(service);
        DestinationRequest r = destination(top, service, true);
        r.check();
        if (svc.destinations.containsKey(r.key)) {
            throw new KernelError(EEXIST);
        }
        if (r.family == AddressFamily.INET6 && (r.key.address().isMulticastAddress() || r.key.address().isLinkLocalAddress())) {
            throw new KernelError(EINVAL);
        }
        svc.destinations.put(r.key, new Destination(r.key, r.family, r.settings, 0, 0, 0, Stats.ZERO));
    }

    void editDestination(AttrTable top) throws KernelError {
        ServiceKey service = serviceKey(top);
        Entry svc = existing(service);
        DestinationRequest r = destination(top, service, true);
        r.check();
        Destination old = svc.destinations.get(r.key);
        if (old == null) {
            throw new KernelError(ENOENT);
        }
        svc.destinations.put(r.key, new Destination(r.key, r.family, r.settings, old.activeConnections(),
                old.inactiveConnections(), old.persistentConnections(), old.stats()));
    }

    void deleteDestination(AttrTable top) throws KernelError {
        ServiceKey service = serviceKey(top);
        Entry svc = existing(service);
        if (svc.destinations.remove(destination(top, service, false).key) == null) {
            throw new KernelError(ENOENT);
        }
    }

    void startDaemon(AttrTable top) throws KernelError {
        AttrTable d = daemonAttrs(top);
        if (!d.has(DAEMON_ATTR_STATE) || !d.has(DAEMON_ATTR_MCAST_IFN) || !d.has(DAEMON_ATTR_SYNC_ID)) {
            throw new KernelError(EINVAL);
        }
        InetAddress group = SYNC_GROUP;
        if (d.has(DAEMON_ATTR_MCAST_GROUP) || d.has(DAEMON_ATTR_MCAST_GROUP6)) {
            boolean v4 = d.has(DAEMON_ATTR_MCAST_GROUP);
            group = address(protocol(() -> d.bytes(v4 ? DAEMON_ATTR_MCAST_GROUP : DAEMON_ATTR_MCAST_GROUP6, v4 ? 4 : 16)));
            if (!group.isMulticastAddress()) {
                throw new KernelError(EINVAL);
            }
        }
        // The sync protocol has no room for a real server of another family than its service.
        if (services.entrySet().stream().anyMatch(e -> e.getValue().destinations.values().stream()
                .anyMatch(dest -> dest.family() != e.getKey().family()))) {
            throw new KernelError(EINVAL);
        }
        String ifname = protocol(() -> d.string(DAEMON_ATTR_MCAST_IFN));
        Integer mtu = interfaceMtus.get(ifname);
        if (mtu == null) {
            throw new KernelError(ENODEV);
        }
        SyncState syncState = protocol(() -> SyncState.fromValue(d.u32(DAEMON_ATTR_STATE)));
        if (daemons.containsKey(syncState)) {
            throw new KernelError(EEXIST);
        }
        // start_sync_thread's defaults and clamps.
        int headers = group instanceof Inet6Address ? 40 + 8 : 20 + 8;
        int maxlen = d.has(DAEMON_ATTR_SYNC_MAXLEN) ? protocol(() -> d.u16(DAEMON_ATTR_SYNC_MAXLEN)) : 0;
        int linkMtu = syncState == SyncState.BACKUP ? Math.max(1500, Math.min(mtu, 65535)) : 1500;
        maxlen = maxlen == 0 ? linkMtu - headers
                : Math.max(syncState == SyncState.BACKUP ? 1024 : 1, Math.min(maxlen, 65535 - headers));
        int port = d.has(DAEMON_ATTR_MCAST_PORT) ? protocol(() -> d.u16(DAEMON_ATTR_MCAST_PORT)) : 0;
        int ttl = d.has(DAEMON_ATTR_MCAST_TTL) ? protocol(() -> d.u8(DAEMON_ATTR_MCAST_TTL)) : 0;
        daemons.put(syncState, new SyncDaemon(syncState, ifname, protocol(() -> d.nonNegativeInt(DAEMON_ATTR_SYNC_ID)),
                maxlen, group, port == 0 ? SYNC_PORT : port, ttl == 0 ? 1 : ttl));
    }

    void stopDaemon(AttrTable top) throws KernelError {
        AttrTable d = daemonAttrs(top);
        if (!d.has(DAEMON_ATTR_STATE)) {
            throw new KernelError(EINVAL);
        }
        SyncState syncState = protocol(() -> SyncState.fromValue(d.u32(DAEMON_ATTR_STATE)));
        if (daemons.remove(syncState) == null) {
            throw new KernelError(ESRCH);
        }
    }

    // --- test hooks ----------------------------------------------------------------------------

    void addInterface(String name, int mtu) {
        interfaceMtus.put(name, mtu);
    }

    void setStats(ServiceKey key, Stats stats) {
        Entry e = services.get(key);
        if (e == null) {
            throw new IllegalArgumentException("no service " + key + " in the fake kernel");
        }
        e.stats = stats;
    }

    void setDestination(ServiceKey key, Destination d) {
        Entry e = services.get(key);
        if (e == null || !e.destinations.containsKey(d.key())) {
            throw new IllegalArgumentException("no destination " + d.key() + " of " + key + " in the fake kernel");
        }
        e.destinations.put(d.key(), d);
    }

    // --- the kernel's parsing rules ------------------------------------------------------------

    /** ip_vs_genl_parse_service: af, and fwmark or protocol + address + port. */
    static ServiceKey serviceKey(AttrTable top) throws KernelError {
        AttrTable s = serviceAttrs(top);
        if (!s.has(SVC_ATTR_AF) || !(s.has(SVC_ATTR_FWMARK)
                || s.has(SVC_ATTR_PORT) && s.has(SVC_ATTR_PROTOCOL) && s.has(SVC_ATTR_ADDR))) {
            throw new KernelError(EINVAL);
        }
        int af = protocol(() -> s.u16(SVC_ATTR_AF));
        if (af != AddressFamily.INET.value() && af != AddressFamily.INET6.value()) {
            throw new KernelError(EAFNOSUPPORT);
        }
        return protocol(() -> ServiceCodec.decodeKey(s));
    }

    /** The full entry of add and edit; the flags are applied through their mask over {@code oldFlags}. */
    private static ServiceSettings serviceSettings(AttrTable top, ServiceKey key, int oldFlags) throws KernelError {
        AttrTable s = serviceAttrs(top);
        if (!s.has(SVC_ATTR_SCHED_NAME) || !s.has(SVC_ATTR_FLAGS) || !s.has(SVC_ATTR_TIMEOUT) || !s.has(SVC_ATTR_NETMASK)) {
            throw new KernelError(EINVAL);
        }
        ServiceSettings decoded = protocol(() -> ServiceCodec.decodeSettings(s, key.family()));
        ByteBuffer flags = ByteBuffer.wrap(protocol(() -> s.bytes(SVC_ATTR_FLAGS, 8))).order(ByteOrder.nativeOrder());
        int mask = flags.getInt(4);
        int merged = (oldFlags & ~mask) | (flags.getInt(0) & mask);
        return new ServiceSettings(decoded.scheduler(), merged, decoded.timeout(), decoded.netmask(), decoded.peName());
    }

    private static void checkServiceSettings(ServiceKey key, ServiceSettings s) throws KernelError {
        if (!SCHEDULERS.contains(s.scheduler())) {
            throw new KernelError(ENOENT);
        }
        if (s.peName() != null && !PERSISTENCE_ENGINES.contains(s.peName())) {
            throw new KernelError(ENOENT);
        }
        if (key.family() == AddressFamily.INET6 && (s.netmask() < 1 || s.netmask() > 128)) {
            throw new KernelError(EINVAL);
        }
    }

    /** A parsed destination request; a negative weight is kept for ip_vs_add_dest to refuse. */
    private record DestinationRequest(DestinationKey key, AddressFamily family, DestinationSettings settings,
                                      boolean negativeWeight) {
        /** ip_vs_add_dest / ip_vs_edit_dest, in their order. */
        void check() throws KernelError {
            if (negativeWeight || settings.lowerThreshold() > settings.upperThreshold()) {
                throw new KernelError(ERANGE);
            }
            if (settings.tunnel() != null && settings.tunnel().type() == TunnelType.GUE && settings.tunnel().port() == 0) {
                throw new KernelError(EINVAL);
            }
        }
    }

    /** ip_vs_genl_parse_dest and the family rules of ip_vs_genl_set_cmd. */
    private DestinationRequest destination(AttrTable top, ServiceKey service, boolean full) throws KernelError {
        if (!top.has(CMD_ATTR_DEST)) {
            throw new KernelError(EINVAL);
        }
        AttrTable d = protocol(() -> top.nested(CMD_ATTR_DEST, DEST_ATTR_MAX, "destination"));
        if (!d.has(DEST_ATTR_ADDR) || !d.has(DEST_ATTR_PORT) || full && !(d.has(DEST_ATTR_FWD_METHOD)
                && d.has(DEST_ATTR_WEIGHT) && d.has(DEST_ATTR_U_THRESH) && d.has(DEST_ATTR_L_THRESH))) {
            throw new KernelError(EINVAL);
        }
        // No family attribute means the service's (kernels before 3.18 had no per-destination family).
        int af = d.has(DEST_ATTR_ADDR_FAMILY) ? protocol(() -> d.u16(DEST_ATTR_ADDR_FAMILY)) : service.family().value();
        if (af != AddressFamily.INET.value() && af != AddressFamily.INET6.value()) {
            throw new KernelError(EAFNOSUPPORT);
        }
        AddressFamily family = AddressFamily.fromValue(af);
        DestinationKey key = protocol(() -> DestinationCodec.decodeKey(d, family));
        if (!full) {
            return new DestinationRequest(key, family, null, false);
        }
        if (family != service.family()) {
            // The sync protocol cannot carry such a destination, and only a tunnel can reach it.
            long method = protocol(() -> d.u32(DEST_ATTR_FWD_METHOD)) & 0x7;
            if (!daemons.isEmpty() || method != ForwardingMethod.TUNNEL.value()) {
                throw new KernelError(EINVAL);
            }
        }
        if ((int) (long) protocol(() -> d.u32(DEST_ATTR_WEIGHT)) < 0) { // the kernel keeps an int
            return new DestinationRequest(key, family, null, true);
        }
        return new DestinationRequest(key, family, protocol(() -> DestinationCodec.decodeSettings(d)), false);
    }

    private static AttrTable serviceAttrs(AttrTable top) throws KernelError {
        if (!top.has(CMD_ATTR_SERVICE)) {
            throw new KernelError(EINVAL);
        }
        return protocol(() -> top.nested(CMD_ATTR_SERVICE, SVC_ATTR_MAX, "service"));
    }

    private static AttrTable daemonAttrs(AttrTable top) throws KernelError {
        if (!top.has(CMD_ATTR_DAEMON)) {
            throw new KernelError(EINVAL);
        }
        return protocol(() -> top.nested(CMD_ATTR_DAEMON, DAEMON_ATTR_MAX, "daemon"));
    }

    private static int timeout(AttrTable top, int type) throws KernelError {
        long v = protocol(() -> top.u32(type));
        if ((int) v < 0 || v > Integer.MAX_VALUE / HZ) {
            throw new KernelError(EINVAL);
        }
        return (int) v;
    }

    private Entry existing(ServiceKey key) throws KernelError {
        Entry e = services.get(key);
        if (e == null) {
            throw new KernelError(ESRCH); // IPVS's "no such service", for every command but add
        }
        return e;
    }

    private static void zero(Entry e) {
        e.stats = Stats.ZERO;
        e.destinations.replaceAll((k, d) -> new Destination(k, d.family(), d.settings(), d.activeConnections(),
                d.inactiveConnections(), d.persistentConnections(), Stats.ZERO));
    }

    private interface Decode<T> {
        T get() throws NetlinkProtocolException;
    }

    /** A request the kernel's attribute policy would refuse: EINVAL. */
    private static <T> T protocol(Decode<T> decode) throws KernelError {
        try {
            return decode.get();
        } catch (NetlinkProtocolException | IllegalArgumentException e) {
            throw new KernelError(EINVAL);
        }
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
