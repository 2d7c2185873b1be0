package io.ipvsd.netlink.jnr;

import io.ipvsd.netlink.Errno;
import io.ipvsd.packet.LinkLayerSocket;
import io.ipvsd.packet.PacketSocketException;
import java.io.IOException;

/**
 * An AF_PACKET/SOCK_RAW socket that only sends. It is opened with protocol 0 and never bound to
 * an ethertype: a bound socket would get a copy of every received frame of that type (every ARP
 * on the segment) queued for a reader that does not exist. Each send names the interface and the
 * ethertype instead.
 */
final class NativeLinkLayerSocket implements LinkLayerSocket {
    private static final int ETHERNET_HEADER = 14;

    private final GuardedFd fd;
    private final byte[] destination;

    private NativeLinkLayerSocket(GuardedFd fd, byte[] destination) {
        this.fd = fd;
        this.destination = destination;
    }

    /** Opens the socket in the calling thread's network namespace. */
    static NativeLinkLayerSocket open(String interfaceName, int etherType) throws IOException {
        if (etherType < 0x0600 || etherType > 0xffff) {
            throw new IllegalArgumentException(String.format("ethertype 0x%x is not in 0x0600..0xffff", etherType));
        }
        int ifindex = RawSockets.ifindex(interfaceName);
        String what = String.format("packet socket (ethertype 0x%04x) on %s", etherType, interfaceName);
        int fd = Native.LIBC.socket(Native.LibC.AF_PACKET, Native.LibC.SOCK_RAW | Native.LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new PacketSocketException("socket(" + what + ")", Native.errno());
        }
        return new NativeLinkLayerSocket(new GuardedFd(fd, what), SocketStructs.sockaddrLl(etherType, ifindex));
    }

    @Override
    public void send(byte[] frame) throws IOException {
        if (frame.length < ETHERNET_HEADER) {
            throw new IllegalArgumentException("a frame of " + frame.length + " bytes has no Ethernet header");
        }
        fd.use(f -> {
            while (true) {
                long n = Native.LIBC.sendto(f, frame, frame.length, Native.LibC.MSG_DONTWAIT, destination, destination.length);
                if (n >= 0) {
                    if (n != frame.length) {
                        throw new IOException(fd.what() + " sent " + n + " of " + frame.length + " bytes");
                    }
                    return null;
                }
                int errno = Native.errno();
                if (errno != Errno.EINTR) {
                    throw new PacketSocketException("sendto(" + fd.what() + ")", errno);
                }
            }
        });
    }

    @Override
    public void close() {
        fd.close();
    }
}
