package io.ipvsd.netlink.jnr;

import io.ipvsd.packet.IpPacketSocket;
import io.ipvsd.packet.IpSocketOptions;
import io.ipvsd.packet.LinkLayerListener;
import io.ipvsd.packet.LinkLayerSocket;
import io.ipvsd.packet.PacketSocketException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens raw IP and link-layer sockets. Public only so {@link io.ipvsd.packet.PacketSockets}
 * (the API to use) can reach this package's native binding.
 */
public final class RawSockets {
    private RawSockets() {
    }

    public static IpPacketSocket openIp(IpSocketOptions options) throws IOException {
        return NativeIpSocket.open(options);
    }

    public static IpPacketSocket openIpIn(Path netnsPath, IpSocketOptions options) throws IOException {
        return Netns.callIn(netnsPath, () -> NativeIpSocket.open(options));
    }

    public static LinkLayerSocket openLink(String interfaceName, int etherType) throws IOException {
        return NativeLinkLayerSocket.open(interfaceName, etherType);
    }

    public static LinkLayerSocket openLinkIn(Path netnsPath, String interfaceName, int etherType) throws IOException {
        return Netns.callIn(netnsPath, () -> NativeLinkLayerSocket.open(interfaceName, etherType));
    }

    public static LinkLayerListener listenLink(String interfaceName, int etherType) throws IOException {
        return NativeLinkLayerListener.open(interfaceName, etherType);
    }

    public static LinkLayerListener listenLinkIn(Path netnsPath, String interfaceName, int etherType) throws IOException {
        return Netns.callIn(netnsPath, () -> NativeLinkLayerListener.open(interfaceName, etherType));
    }

    /** The interface's index in the calling thread's network namespace. */
    static int ifindex(String interfaceName) throws PacketSocketException {
        int index = Native.LIBC.if_nametoindex(interfaceName);
        if (index == 0) {
            throw new PacketSocketException("if_nametoindex(" + interfaceName + ")", Native.errno());
        }
        return index;
    }

    static void setOption(int fd, int level, int option, byte[] value, String name) throws PacketSocketException {
        if (Native.LIBC.setsockopt(fd, level, option, value, value.length) < 0) {
            throw new PacketSocketException("setsockopt(" + name + ")", Native.errno());
        }
    }
}
