package io.ipvsd.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How to open an {@link IpPacketSocket}.
 *
 * @param ipv6           AF_INET6 when true, AF_INET otherwise
 * @param protocol       the IP protocol, 1..254 (112 = VRRP, 58 = ICMPv6); 255 (IPPROTO_RAW) would
 *                       make the caller build IP headers, which this API does not do
 * @param interfaceName  the interface the socket is bound to (SO_BINDTODEVICE); it sends
 *                       multicast there and joins the groups there. Null: no interface, for a
 *                       socket that talks to unicast addresses by the routing table (ICMP echo of
 *                       health checks); it then joins no groups
 * @param bindAddress    the local address to bind, or null; it becomes the source of what is sent
 *                       and, when it is a group, filters what is received to that group
 * @param joinGroups     multicast groups to join on the interface
 * @param ttl            TTL / hop limit of sent packets, unicast and multicast, 1..255
 * @param tos            IP_TOS / IPV6_TCLASS of sent packets, 0..255
 * @param checksumOffset IPv6 only: the offset in the payload where the kernel writes (and checks)
 *                       the protocol checksum (IPV6_CHECKSUM; 6 for VRRP), or -1 for none.
 *                       ICMPv6 takes -1: the kernel always computes its checksum.
 */
public record IpSocketOptions(boolean ipv6, int protocol, String interfaceName, InetAddress bindAddress,
                              List<InetAddress> joinGroups, int ttl, int tos, int checksumOffset) {

    /** IFNAMSIZ minus the terminating NUL. */
    private static final int MAX_INTERFACE_NAME = 15;
    private static final int ICMPV6 = 58;

    public IpSocketOptions {
        joinGroups = List.copyOf(joinGroups);
        if (protocol < 1 || protocol > 254) {
            throw new IllegalArgumentException("protocol " + protocol + " is not in 1..254");
        }
        if (interfaceName == null && !joinGroups.isEmpty()) {
            throw new IllegalArgumentException("joining groups needs an interface");
        }
        int nameBytes = interfaceName == null ? 1 : interfaceName.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes == 0 || nameBytes > MAX_INTERFACE_NAME) {
            throw new IllegalArgumentException("interface name '" + interfaceName + "' is not 1..15 bytes");
        }
        if (bindAddress != null && !ofFamily(bindAddress, ipv6)) {
            throw new IllegalArgumentException("bind address " + bindAddress.getHostAddress() + " is not " + family(ipv6));
        }
        for (InetAddress group : joinGroups) {
            if (!ofFamily(group, ipv6) || !group.isMulticastAddress()) {
                throw new IllegalArgumentException(group.getHostAddress() + " is not an " + family(ipv6) + " multicast group");
            }
        }
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("ttl " + ttl + " is not in 1..255");
        }
        if (tos < 0 || tos > 255) {
            throw new IllegalArgumentException("tos " + tos + " is not in 0..255");
        }
        if (checksumOffset != -1) {
            if (!ipv6) {
                throw new IllegalArgumentException("checksumOffset is for IPv6 only (IPV6_CHECKSUM)");
            }
            if (protocol == ICMPV6) {
                throw new IllegalArgumentException("ICMPv6 takes no checksumOffset: the kernel always computes it");
            }
            // The kernel refuses odd offsets: the checksum is a 16-bit word.
            if (checksumOffset < 0 || (checksumOffset & 1) != 0) {
                throw new IllegalArgumentException("checksumOffset " + checksumOffset + " is not -1 or an even offset");
            }
        }
    }

    /** Whether {@code address} belongs to the family the socket uses. */
    private static boolean ofFamily(InetAddress address, boolean ipv6) {
        return ipv6 ? address instanceof Inet6Address : address instanceof Inet4Address;
    }

    private static String family(boolean ipv6) {
        return ipv6 ? "IPv6" : "IPv4";
    }
}
