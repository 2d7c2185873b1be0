package io.ipvsd.packet;

import io.ipvsd.netlink.jnr.RawSockets;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the sockets VRRP needs: raw IP sockets for adverts and ICMPv6, link-layer sockets to
 * send gratuitous ARP and to watch ARP. All need CAP_NET_RAW. The plain methods open in the
 * calling thread's network namespace; the *In methods in the namespace at a path such as
 * /run/netns/NAME (for tests).
 * Opening fails with a {@link PacketSocketException} naming the call that was refused (e.g.
 * if_nametoindex with ENODEV for a missing interface).
 */
public final class PacketSockets {
    private PacketSockets() {
    }

    public static IpPacketSocket openIp(IpSocketOptions options) throws IOException {
        return RawSockets.openIp(options);
    }

    public static IpPacketSocket openIpIn(Path netns, IpSocketOptions options) throws IOException {
        return RawSockets.openIpIn(netns, options);
    }

    /** A socket that sends whole Ethernet frames of {@code etherType} (0x0806 = ARP) on the interface. */
    public static LinkLayerSocket openLink(String interfaceName, int etherType) throws IOException {
        return RawSockets.openLink(interfaceName, etherType);
    }

    public static LinkLayerSocket openLinkIn(Path netns, String interfaceName, int etherType) throws IOException {
        return RawSockets.openLinkIn(netns, interfaceName, etherType);
    }

    /**
     * A listener for the frames of {@code etherType} arriving on the interface: not for frames
     * this host sends there itself (see {@link LinkLayerListener}).
     */
    public static LinkLayerListener listenLink(String interfaceName, int etherType) throws IOException {
        return RawSockets.listenLink(interfaceName, etherType);
    }

    public static LinkLayerListener listenLinkIn(Path netns, String interfaceName, int etherType) throws IOException {
        return RawSockets.listenLinkIn(netns, interfaceName, etherType);
    }
}
