package io.ipvsd.daemon.vrrp.runtime;

import io.ipvsd.daemon.vrrp.Advert;
import io.ipvsd.daemon.vrrp.AdvertCodec;
import io.ipvsd.daemon.vrrp.InstanceSpec;
import io.ipvsd.daemon.vrrp.MachineState;
import io.ipvsd.daemon.vrrp.VrrpMachine;
import io.ipvsd.daemon.vrrp.VrrpState;
import io.ipvsd.daemon.vrrp.VrrpVersion;
import io.ipvsd.packet.IpPacketSocket;
import io.ipvsd.packet.IpSocketOptions;
import io.ipvsd.packet.PacketSockets;
import io.ipvsd.packet.Received;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One VRRP instance at run time: its settings, its state machine's state, its socket and the
 * thread that receives on it, and its counters. Everything but the receiver thread is used by
 * the VRRP loop thread only.
 */
final class Instance {
    private static final Logger LOG = LoggerFactory.getLogger(Instance.class);
    private static final int IPPROTO_VRRP = 112;
    private static final int TOS_INTERNET_CONTROL = 0xc0;
    /** IPv6 raw sockets: the kernel computes the VRRP checksum at this offset (keepalived does the same). */
    private static final int V6_CHECKSUM_OFFSET = 6;

    final InstanceSettings settings;
    final NotifyQueue notify;
    final DropWatch drops = new DropWatch();
    MachineState machine;
    InstanceSpec spec;
    LinkView link = null;
    Set<String> linkFaults = Set.of();
    Set<String> serviceFaults = Set.of();
    String socketFault;
    Set<String> faultsGiven = Set.of();
    Instant since = Instant.now();
    /** While MASTER: the VIPs another node also answers for, by VIP, with that node's MAC and when. */
    final Map<InetAddress, Conflict> conflicts = new HashMap<>();
    /** While MASTER: when the next ARP probe for the VIPs goes out. */
    long nextProbeAt = Long.MAX_VALUE;
    long advertsSent;
    long advertsReceived;
    long sendErrors;
    private volatile IpPacketSocket socket;
    private int socketIndex;
    private Thread receiver;

    /**
     * Another node's claim of a VIP: from its first frame to its latest. One claim is no split
     * brain: a node that was master for a moment (both started together) announced the VIP before
     * it heard this node's adverts. A node that still claims it seconds later holds it.
     */
    record Conflict(String mac, long firstSeenAt, long lastSeenAt) {
        Conflict seenAgain(long now) {
            return new Conflict(mac, firstSeenAt, now);
        }

        boolean confirmed(long confirmAfterNanos) {
            return lastSeenAt - firstSeenAt >= confirmAfterNanos;
        }
    }

    Instance(InstanceSettings settings, NotifyQueue notify) {
        this.settings = settings;
        this.notify = notify;
    }

    String name() {
        return settings.name();
    }

    VrrpState state() {
        return machine == null ? VrrpState.INIT : machine.state();
    }

    /** Every current fault reason, sorted; empty when the instance may run. */
    Set<String> faults() {
        Set<String> all = new TreeSet<>(linkFaults);
        all.addAll(serviceFaults);
        if (socketFault != null) {
            all.add(socketFault);
        }
        return all;
    }

    /**
     * The spec the machine runs on, for the current source address. Without one (no interface, no
     * address on it) the unspecified address stands in: the instance is in FAULT then and sends nothing.
     */
    InstanceSpec specFor(InetAddress primary) {
        InstanceSettings s = settings;
        if (primary == null) {
            primary = s.ipv6() ? Addresses.UNSPECIFIED_V6 : Addresses.UNSPECIFIED_V4;
        }
        byte[] auth = s.authPass() == null ? null : Arrays.copyOf(s.authPass().getBytes(StandardCharsets.UTF_8), 8);
        List<InetAddress> vips = s.vips().stream().map(ManagedAddress::address).toList();
        return new InstanceSpec(s.name(), s.vrid(), s.priority(), version(), (int) (s.advertInterval().toMillis() / 10),
                s.nopreempt(), s.preemptDelay().toNanos(), auth, primary, vips, s.unicastPeers(), s.checkUnicastSource(),
                s.initialMaster(), s.garpRepeat(), s.garpDelay().toNanos(), s.v3ChecksumAsV2());
    }

    VrrpVersion version() {
        return settings.version() == 3 ? VrrpVersion.V3 : VrrpVersion.V2;
    }

    /** The address this instance advertises from: unicast_src_ip, else the interface's own. */
    InetAddress primaryAddress() {
        if (settings.unicastSource() != null) {
            return settings.unicastSource();
        }
        if (link == null) {
            return null;
        }
        return settings.ipv6() ? link.linkLocalV6() : link.primaryV4();
    }

    /**
     * Opens the socket when the interface is there and up, and again when it was re-created.
     * A failure becomes a fault of the instance, retried on the next link report.
     */
    void ensureSocket(Consumer<Received> sink) {
        if (link == null || !link.exists() || !link.up()) {
            closeSocket();
            socketFault = null;
            return;
        }
        if (socket != null && socketIndex == link.index()) {
            return;
        }
        closeSocket();
        IpSocketOptions options = new IpSocketOptions(settings.ipv6(), IPPROTO_VRRP, settings.interfaceName(),
                settings.unicastSource(), settings.unicast() ? List.of() : List.of(settings.group()), 255,
                TOS_INTERNET_CONTROL, settings.ipv6() ? V6_CHECKSUM_OFFSET : -1);
        try {
            IpPacketSocket opened = PacketSockets.openIp(options);
            socket = opened;
            socketIndex = link.index();
            socketFault = null;
            receiver = new Thread(() -> receive(opened, sink), "ipvsd-vrrp-rx-" + name());
            receiver.setDaemon(true);
            receiver.start();
        } catch (IOException e) {
            socketFault = "cannot open the VRRP socket on " + settings.interfaceName() + ": " + e.getMessage();
        }
    }

    private void receive(IpPacketSocket s, Consumer<Received> sink) {
        while (true) {
            try {
                Received r = s.receive(System.nanoTime() + 1_000_000_000L);
                if (r != null) {
                    sink.accept(r);
                }
            } catch (IOException e) {
                if (s != socket) {
                    return; // closed: replaced or stopped
                }
                LOG.warn("({}) receiving adverts failed: {}", name(), e.getMessage());
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    return;
                }
            }
            if (s != socket) {
                return;
            }
        }
    }

    /** Sends one advert (one per peer in unicast mode); failures are counted and logged, never thrown. */
    void sendAdvert(int priority) {
        IpPacketSocket s = socket;
        InetAddress source = spec == null ? null : spec.primaryAddress();
        if (s == null || source == null || source.isAnyLocalAddress()) {
            return;
        }
        InstanceSettings c = settings;
        Advert advert = spec.advert(priority);
        List<InetAddress> destinations = c.unicast() ? c.unicastPeers() : List.of(c.group());
        for (InetAddress destination : destinations) {
            try {
                s.send(AdvertCodec.encode(advert, source, destination, c.v3ChecksumAsV2()), destination);
                advertsSent++;
            } catch (IOException e) {
                sendErrors++;
                if (sendErrors == 1 || sendErrors % 100 == 0) {
                    LOG.warn("({}) sending an advert to {} failed ({} so far): {}", name(),
                            destination.getHostAddress(), sendErrors, e.getMessage());
                }
            }
        }
    }

    void closeSocket() {
        IpPacketSocket s = socket;
        socket = null;
        socketIndex = 0;
        if (s != null) {
            s.close();
        }
        receiver = null;
    }
}
