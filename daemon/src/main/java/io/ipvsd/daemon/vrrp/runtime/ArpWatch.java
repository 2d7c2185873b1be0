package io.ipvsd.daemon.vrrp.runtime;

import io.ipvsd.packet.LinkLayerListener;
import io.ipvsd.packet.PacketSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices another node answering for a VIP this node holds: the split brain VRRP itself cannot
 * see, when adverts do not get through at all (multicast filtered by a firewall or a cloud). Both
 * masters then announce the VIP; ARP still crosses. One listener per interface reports every ARP
 * frame whose sender is a watched VIP from another MAC (another node's gratuitous ARP, or its
 * answer to this node's probe). Used by the VRRP loop thread; the listeners run on their own.
 */
final class ArpWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArpWatch.class);
    private static final int ETHERTYPE_OFFSET = 12;
    private static final int ARP_OFFSET = 14;
    private static final int ARP_LENGTH = 28;

    /** A frame claiming {@code vip} from {@code mac}, seen on {@code dev}. */
    record Claim(String dev, InetAddress vip, String mac) {
    }

    interface Sink {
        void claimed(Claim claim);
    }

    private record Listening(int index, LinkLayerListener listener) {
    }

    private final Sink sink;
    private final Map<String, Listening> listeners = new HashMap<>();
    private volatile Set<InetAddress> watched = Set.of();

    ArpWatch(Sink sink) {
        this.sink = sink;
    }

    /** Listens on {@code links} (those that exist) for claims of {@code vips}; stops listening elsewhere. */
    void watch(Map<String, LinkView> links, Set<InetAddress> vips) {
        watched = Set.copyOf(vips);
        listeners.entrySet().removeIf(e -> {
            LinkView link = links.get(e.getKey());
            boolean stale = link == null || link.index() != e.getValue().index();
            if (stale) {
                e.getValue().listener().close();
            }
            return stale;
        });
        for (LinkView link : links.values()) {
            if (!link.exists() || link.mac().length != 6 || listeners.containsKey(link.name())) {
                continue;
            }
            try {
                LinkLayerListener listener = PacketSockets.listenLink(link.name(), Announcements.ETH_P_ARP);
                listeners.put(link.name(), new Listening(link.index(), listener));
                Thread t = new Thread(() -> listen(link, listener), "ipvsd-vrrp-arp-" + link.name());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                LOG.warn("cannot watch ARP on {} for VIP conflicts: {}", link.name(), e.getMessage());
            }
        }
    }

    private void listen(LinkView link, LinkLayerListener listener) {
        while (true) {
            byte[] frame;
            try {
                frame = listener.receive(System.nanoTime() + 1_000_000_000L);
            } catch (IOException e) {
                return; // closed
            }
            if (frame != null) {
                Claim claim = claim(link, frame, watched);
                if (claim != null) {
                    sink.claimed(claim);
                }
            }
        }
    }

    /** The claim an ARP frame makes for one of {@code vips} from a MAC other than {@code link}'s, or null. */
    static Claim claim(LinkView link, byte[] frame, Set<InetAddress> vips) {
        if (frame.length < ARP_OFFSET + ARP_LENGTH || frame[ETHERTYPE_OFFSET] != 0x08 || frame[ETHERTYPE_OFFSET + 1] != 0x06) {
            return null;
        }
        // Ethernet hardware (1), IPv4 protocol (0x0800), lengths 6 and 4.
        if (frame[ARP_OFFSET] != 0 || frame[ARP_OFFSET + 1] != 1 || frame[ARP_OFFSET + 2] != 0x08
                || frame[ARP_OFFSET + 3] != 0 || frame[ARP_OFFSET + 4] != 6 || frame[ARP_OFFSET + 5] != 4) {
            return null;
        }
        byte[] senderMac = Arrays.copyOfRange(frame, ARP_OFFSET + 8, ARP_OFFSET + 14);
        if (Arrays.equals(senderMac, link.mac())) {
            return null; // this node's own announcement or probe
        }
        InetAddress sender;
        try {
            sender = InetAddress.getByAddress(Arrays.copyOfRange(frame, ARP_OFFSET + 14, ARP_OFFSET + 18));
        } catch (UnknownHostException e) {
            return null;
        }
        if (!vips.contains(sender)) {
            return null;
        }
        return new Claim(link.name(), sender, HexFormat.ofDelimiter(":").formatHex(senderMac));
    }

    @Override
    public void close() {
        listeners.values().forEach(l -> l.listener().close());
        listeners.clear();
    }
}
