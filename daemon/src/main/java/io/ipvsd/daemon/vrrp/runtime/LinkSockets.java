package io.ipvsd.daemon.vrrp.runtime;

import io.ipvsd.packet.IpPacketSocket;
import io.ipvsd.packet.IpSocketOptions;
import io.ipvsd.packet.LinkLayerSocket;
import io.ipvsd.packet.PacketSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the gratuitous ARPs and unsolicited NAs of every instance, over one socket per interface
 * opened on first use and opened again when the interface was re-created (its index changed).
 * Used by the VRRP loop thread only.
 */
final class LinkSockets implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkSockets.class);
    private static final InetAddress ALL_NODES = Addresses.literal("ff02::1");

    private record Open<S>(int index, S socket) {
    }

    private final Map<String, Open<LinkLayerSocket>> arp = new HashMap<>();
    private final Map<String, Open<IpPacketSocket>> icmp6 = new HashMap<>();

    /** One burst: {@code repeat} announcements of each VIP on {@code link}. Failures are logged, never thrown. */
    void announce(LinkView link, List<InetAddress> vips, int repeat) {
        if (!link.exists() || !link.up() || link.mac().length != 6) {
            return;
        }
        try {
            for (InetAddress vip : vips) {
                for (int i = 0; i < repeat; i++) {
                    if (vip.getAddress().length == 4) {
                        arpSocket(link).send(Announcements.gratuitousArp(link.mac(), vip));
                    } else {
                        icmpSocket(link).send(Announcements.unsolicitedNeighbourAdvert(link.mac(), vip), ALL_NODES);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("sending gratuitous ARP/NA on {} failed: {}", link.name(), e.getMessage());
        }
    }

    /** One ARP probe per IPv4 VIP on {@code link}: a node that holds one of them answers. */
    void probe(LinkView link, List<InetAddress> vips) {
        if (!link.exists() || !link.up() || link.mac().length != 6) {
            return;
        }
        try {
            for (InetAddress vip : vips) {
                if (vip.getAddress().length == 4) {
                    arpSocket(link).send(Announcements.arpProbe(link.mac(), vip));
                }
            }
        } catch (IOException e) {
            LOG.warn("sending an ARP probe on {} failed: {}", link.name(), e.getMessage());
        }
    }

    private LinkLayerSocket arpSocket(LinkView link) throws IOException {
        Open<LinkLayerSocket> open = arp.get(link.name());
        if (open == null || open.index() != link.index()) {
            if (open != null) {
                open.socket().close();
            }
            open = new Open<>(link.index(), PacketSockets.openLink(link.name(), Announcements.ETH_P_ARP));
            arp.put(link.name(), open);
        }
        return open.socket();
    }

    private IpPacketSocket icmpSocket(LinkView link) throws IOException {
        Open<IpPacketSocket> open = icmp6.get(link.name());
        if (open == null || open.index() != link.index()) {
            if (open != null) {
                open.socket().close();
            }
            IpSocketOptions options = new IpSocketOptions(true, Announcements.IPPROTO_ICMPV6, link.name(), null,
                    List.of(), 255, 0, -1);
            open = new Open<>(link.index(), PacketSockets.openIp(options));
            icmp6.put(link.name(), open);
        }
        return open.socket();
    }

    @Override
    public void close() {
        arp.values().forEach(o -> o.socket().close());
        icmp6.values().forEach(o -> o.socket().close());
        arp.clear();
        icmp6.clear();
    }
}
