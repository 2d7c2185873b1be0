package io.ipvsd.netlink.jnr;

import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.netlink.Errno;
import io.ipvsd.packet.IpPacketSocket;
import io.ipvsd.packet.IpSocketOptions;
import io.ipvsd.packet.Ipv4Datagram;
import io.ipvsd.packet.MalformedPacket;
import io.ipvsd.packet.PacketSocketException;
import io.ipvsd.packet.Received;
import io.ipvsd.packet.ReceivedPacket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/** A raw AF_INET / AF_INET6 socket for one IP protocol, on one interface or (interface name null) on none. */
final class NativeIpSocket implements IpPacketSocket {
    private static final int SO_BINDTODEVICE = 25;
    private static final int IPPROTO_IP = 0;
    private static final int IP_TOS = 1;
    private static final int IP_TTL = 2;
    private static final int IP_MULTICAST_IF = 32;
    private static final int IP_MULTICAST_TTL = 33;
    private static final int IP_MULTICAST_LOOP = 34;
    private static final int IP_ADD_MEMBERSHIP = 35;
    private static final int IP_MULTICAST_ALL = 49;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_CHECKSUM = 7;
    private static final int IPV6_UNICAST_HOPS = 16;
    private static final int IPV6_MULTICAST_IF = 17;
    private static final int IPV6_MULTICAST_HOPS = 18;
    private static final int IPV6_MULTICAST_LOOP = 19;
    private static final int IPV6_ADD_MEMBERSHIP = 20;
    private static final int IPV6_MULTICAST_ALL = 29;
    private static final int IPV6_RECVPKTINFO = 49;
    private static final int IPV6_PKTINFO = 50;
    private static final int IPV6_RECVHOPLIMIT = 51;
    private static final int IPV6_HOPLIMIT = 52;
    private static final int IPV6_TCLASS = 67;
    private static final int MSG_CTRUNC = 0x8;

    /*
     * One block of native memory for recvmsg, laid out as on 64-bit Linux:
     * struct msghdr { void *name; u32 namelen; (pad) struct iovec *iov; size_t iovlen;
     *                 void *control; size_t controllen; int flags; (pad) }   56 bytes
     * struct iovec  { void *base; size_t len; }                                16 bytes
     * then the sockaddr buffer, the control buffer and the data buffer.
     */
    private static final int MSG_NAME = 0;
    private static final int MSG_NAMELEN = 8;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_CONTROL = 32;
    private static final int MSG_CONTROLLEN = 40;
    private static final int MSG_FLAGS = 48;
    private static final int IOVEC = 56;
    private static final int NAME = IOVEC + 16;
    private static final int NAME_LENGTH = 128;
    private static final int CONTROL = NAME + NAME_LENGTH;
    private static final int CONTROL_LENGTH = 256;
    private static final int DATA = CONTROL + CONTROL_LENGTH;
    /** The largest IP datagram; a larger (jumbo) one is reported as malformed. */
    private static final int DATA_LENGTH = 65536;
    /** struct cmsghdr { size_t len; int level; int type; } then the data, 8-byte aligned. */
    private static final int CMSG_HEADER = 16;

    private final GuardedFd fd;
    private final boolean ipv6;
    private final int ifindex;
    private final Object receiveLock = new Object();
    private final Pointer receiveMemory = Memory.allocateDirect(Native.RUNTIME, DATA + DATA_LENGTH);

    private NativeIpSocket(GuardedFd fd, boolean ipv6, int ifindex) {
        this.fd = fd;
        this.ipv6 = ipv6;
        this.ifindex = ifindex;
    }

    /** Opens and configures the socket in the calling thread's network namespace. */
    static NativeIpSocket open(IpSocketOptions o) throws IOException {
        Native.LibC c = Native.LIBC;
        boolean onInterface = o.interfaceName() != null;
        String what = "raw " + (o.ipv6() ? "IPv6" : "IPv4") + " protocol " + o.protocol() + " socket"
                + (onInterface ? " on " + o.interfaceName() : "");
        // ifindex 0: no interface for multicast options and IPv6 scope, the routing table decides.
        int ifindex = onInterface ? RawSockets.ifindex(o.interfaceName()) : 0;
        int fd = c.socket(o.ipv6() ? Native.LibC.AF_INET6 : Native.LibC.AF_INET,
                Native.LibC.SOCK_RAW | Native.LibC.SOCK_CLOEXEC, o.protocol());
        if (fd < 0) {
            throw new PacketSocketException("socket(" + what + ")", Native.errno());
        }
        try {
            if (onInterface) {
                RawSockets.setOption(fd, Native.LibC.SOL_SOCKET, SO_BINDTODEVICE, SocketStructs.cString(o.interfaceName()),
                        "SO_BINDTODEVICE " + o.interfaceName());
            }
            if (o.ipv6()) {
                configureIpv6(fd, o, ifindex);
            } else {
                configureIpv4(fd, o, ifindex);
            }
            if (o.bindAddress() != null) {
                byte[] local = o.ipv6() ? SocketStructs.sockaddrIn6(o.bindAddress(), ifindex)
                        : SocketStructs.sockaddrIn(o.bindAddress());
                if (c.bind(fd, local, local.length) < 0) {
                    throw new PacketSocketException("bind(" + what + " to " + Endpoints.address(o.bindAddress()) + ")",
                            Native.errno());
                }
            }
            return new NativeIpSocket(new GuardedFd(fd, what), o.ipv6(), ifindex);
        } catch (IOException | RuntimeException e) {
            c.close(fd);
            throw e;
        }
    }

    private static void configureIpv4(int fd, IpSocketOptions o, int ifindex) throws IOException {
        RawSockets.setOption(fd, IPPROTO_IP, IP_MULTICAST_IF, SocketStructs.ipMreqn(null, ifindex), "IP_MULTICAST_IF");
        // Our own multicast must not come back to us as if a peer had sent it.
        setInt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
        // Without this a raw socket gets every group any socket on the host joined.
        setInt(fd, IPPROTO_IP, IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL");
        setInt(fd, IPPROTO_IP, IP_TTL, o.ttl(), "IP_TTL");
        setInt(fd, IPPROTO_IP, IP_MULTICAST_TTL, o.ttl(), "IP_MULTICAST_TTL");
        setInt(fd, IPPROTO_IP, IP_TOS, o.tos(), "IP_TOS");
        for (InetAddress group : o.joinGroups()) {
            RawSockets.setOption(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, SocketStructs.ipMreqn(group, ifindex),
                    "IP_ADD_MEMBERSHIP " + Endpoints.address(group));
        }
    }

    private static void configureIpv6(int fd, IpSocketOptions o, int ifindex) throws IOException {
        setInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, ifindex, "IPV6_MULTICAST_IF");
        setInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
        setInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_ALL, 0, "IPV6_MULTICAST_ALL");
        setInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, o.ttl(), "IPV6_UNICAST_HOPS");
        setInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, o.ttl(), "IPV6_MULTICAST_HOPS");
        setInt(fd, IPPROTO_IPV6, IPV6_TCLASS, o.tos(), "IPV6_TCLASS");
        // IPv6 raw sockets get no IP header: destination and hop limit come as ancillary data.
        setInt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
        setInt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
        if (o.checksumOffset() >= 0) {
            setInt(fd, IPPROTO_IPV6, IPV6_CHECKSUM, o.checksumOffset(), "IPV6_CHECKSUM");
        }
        for (InetAddress group : o.joinGroups()) {
            RawSockets.setOption(fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, SocketStructs.ipv6Mreq((Inet6Address) group, ifindex),
                    "IPV6_ADD_MEMBERSHIP " + Endpoints.address(group));
        }
    }

    private static void setInt(int fd, int level, int option, int value, String name) throws IOException {
        RawSockets.setOption(fd, level, option, SocketStructs.intValue(value), name + " " + value);
    }

    @Override
    public void send(byte[] payload, InetAddress destination) throws IOException {
        if (ipv6 ? !(destination instanceof Inet6Address) : !(destination instanceof Inet4Address)) {
            throw new IllegalArgumentException(destination.getHostAddress() + " is not of the socket's family ("
                    + fd.what() + ")");
        }
        byte[] to = ipv6 ? SocketStructs.sockaddrIn6(destination, ifindex) : SocketStructs.sockaddrIn(destination);
        fd.use(f -> {
            while (true) {
                long n = Native.LIBC.sendto(f, payload, payload.length, Native.LibC.MSG_DONTWAIT, to, to.length);
                if (n >= 0) {
                    if (n != payload.length) {
                        throw new IOException(fd.what() + " sent " + n + " of " + payload.length + " bytes");
                    }
                    return null;
                }
                int errno = Native.errno();
                if (errno != Errno.EINTR) {
                    throw new PacketSocketException("sendto(" + fd.what() + ", " + Endpoints.address(destination) + ")", errno);
                }
            }
        });
    }

    @Override
    public Received receive(long deadlineNanos) throws IOException {
        synchronized (receiveLock) {
            while (true) {
                Received r = fd.use(f -> receiveSlice(f, deadlineNanos));
                if (r != null || deadlineNanos - System.nanoTime() <= 0) {
                    return r;
                }
            }
        }
    }

    /** One recvmsg, and when nothing is queued one poll of at most a slice; null when nothing came. */
    private Received receiveSlice(int f, long deadlineNanos) throws IOException {
        Pointer m = receiveMemory;
        long base = m.address();
        m.putLong(MSG_NAME, base + NAME);
        m.putInt(MSG_NAMELEN, NAME_LENGTH);
        m.putLong(MSG_IOV, base + IOVEC);
        m.putLong(MSG_IOVLEN, 1);
        m.putLong(MSG_CONTROL, base + CONTROL);
        m.putLong(MSG_CONTROLLEN, CONTROL_LENGTH);
        m.putInt(MSG_FLAGS, 0);
        m.putLong(IOVEC, base + DATA);
        m.putLong(IOVEC + 8, DATA_LENGTH);
        long n = Native.LIBC.recvmsg(f, m, Native.LibC.MSG_DONTWAIT);
        if (n >= 0) {
            return decode((int) n);
        }
        int errno = Native.errno();
        if (errno != Errno.EAGAIN && errno != Errno.EINTR) {
            throw new PacketSocketException("recvmsg(" + fd.what() + ")", errno);
        }
        fd.awaitReadable(f, deadlineNanos);
        return null;
    }

    private Received decode(int length) {
        Pointer m = receiveMemory;
        int flags = m.getInt(MSG_FLAGS);
        if ((flags & Native.LibC.MSG_TRUNC) != 0) {
            return new MalformedPacket("datagram larger than " + DATA_LENGTH + " bytes");
        }
        byte[] data = new byte[length];
        m.get(DATA, data, 0, length);
        if (!ipv6) {
            // Raw IPv4 sockets deliver the IP header: TTL and addresses are read from it.
            return Ipv4Datagram.parse(data, length);
        }
        if ((flags & MSG_CTRUNC) != 0) {
            return new MalformedPacket("ancillary data truncated");
        }
        return decodeIpv6(data);
    }

    /** The source from the sockaddr_in6, destination and hop limit from the ancillary data. */
    private Received decodeIpv6(byte[] payload) {
        Pointer m = receiveMemory;
        if (m.getInt(MSG_NAMELEN) < 24 || Short.toUnsignedInt(m.getShort(NAME)) != Native.LibC.AF_INET6) {
            return new MalformedPacket("no IPv6 source address");
        }
        InetAddress source = ipv6Address(NAME + 8);
        InetAddress destination = null;
        int hopLimit = -1;
        long controlLength = m.getLong(MSG_CONTROLLEN);
        long offset = 0;
        while (offset + CMSG_HEADER <= controlLength) {
            long cmsgLength = m.getLong(CONTROL + offset);
            if (cmsgLength < CMSG_HEADER || offset + cmsgLength > controlLength) {
                return new MalformedPacket("ancillary message of " + cmsgLength + " bytes at " + offset);
            }
            int level = m.getInt(CONTROL + offset + 8);
            int type = m.getInt(CONTROL + offset + 12);
            long data = CONTROL + offset + CMSG_HEADER;
            if (level == IPPROTO_IPV6 && type == IPV6_PKTINFO && cmsgLength >= CMSG_HEADER + 20) {
                destination = ipv6Address(data); // struct in6_pktinfo { u8 addr[16]; int ifindex; }
            } else if (level == IPPROTO_IPV6 && type == IPV6_HOPLIMIT && cmsgLength >= CMSG_HEADER + 4) {
                hopLimit = m.getInt(data);
            }
            offset += (cmsgLength + 7) & ~7L;
        }
        if (destination == null || hopLimit < 0) {
            return new MalformedPacket("no " + (destination == null ? "IPV6_PKTINFO" : "IPV6_HOPLIMIT") + " ancillary data");
        }
        return new ReceivedPacket(source, destination, hopLimit, payload);
    }

    private InetAddress ipv6Address(long offset) {
        byte[] a = new byte[16];
        receiveMemory.get(offset, a, 0, 16);
        try {
            // Scope -1 = none; unlike InetAddress.getByAddress this never turns ::ffff:a.b.c.d into IPv4.
            return Inet6Address.getByAddress(null, a, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }

    @Override
    public void close() {
        fd.close();
    }
}
