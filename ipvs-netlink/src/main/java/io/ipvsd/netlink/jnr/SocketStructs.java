package io.ipvsd.netlink.jnr;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The socket structs the raw sockets pass to the kernel, laid out as on 64-bit Linux
 * (x86_64, aarch64). Family and index fields are in host order, ports and protocols in network
 * order, addresses as their bytes.
 */
final class SocketStructs {
    private SocketStructs() {
    }

    /** struct sockaddr_in { u16 family; be16 port; be32 addr; u8 zero[8]; } */
    static byte[] sockaddrIn(InetAddress address) {
        return host(16).putShort((short) Native.LibC.AF_INET).putShort((short) 0).put(address.getAddress()).array();
    }

    /**
     * struct sockaddr_in6 { u16 family; be16 port; be32 flowinfo; u8 addr[16]; u32 scope_id; }.
     * The scope id picks the interface for link-local and multicast addresses; the kernel
     * ignores it for global ones.
     */
    static byte[] sockaddrIn6(InetAddress address, int scopeId) {
        return host(28).putShort((short) Native.LibC.AF_INET6).putShort((short) 0).putInt(0)
                .put(address.getAddress()).putInt(scopeId).array();
    }

    /** struct ip_mreqn { be32 multiaddr; be32 address; int ifindex; }: the group (or 0) on an interface. */
    static byte[] ipMreqn(InetAddress group, int ifindex) {
        ByteBuffer b = host(12);
        if (group != null) {
            b.put(group.getAddress());
        }
        return b.putInt(8, ifindex).array();
    }

    /** struct ipv6_mreq { u8 multiaddr[16]; int ifindex; } */
    static byte[] ipv6Mreq(Inet6Address group, int ifindex) {
        return host(20).put(group.getAddress()).putInt(ifindex).array();
    }

    /**
     * struct sockaddr_ll { u16 family; be16 protocol; int ifindex; u16 hatype; u8 pkttype;
     * u8 halen; u8 addr[8]; }. For SOCK_RAW sends the kernel reads only protocol and ifindex.
     */
    static byte[] sockaddrLl(int etherType, int ifindex) {
        ByteBuffer b = host(20).putShort(0, (short) Native.LibC.AF_PACKET).putInt(4, ifindex);
        return b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) etherType).array();
    }

    /** A NUL-terminated C string, as SO_BINDTODEVICE wants it. */
    static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, b.length + 1);
    }

    /** An int option value in host order. */
    static byte[] intValue(int value) {
        return host(4).putInt(value).array();
    }

    private static ByteBuffer host(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }
}
