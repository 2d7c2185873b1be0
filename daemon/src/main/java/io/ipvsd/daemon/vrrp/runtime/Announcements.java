package io.ipvsd.daemon.vrrp.runtime;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * The frames that move a VIP's neighbour entries to this node: a gratuitous ARP (an ARP request
 * for the VIP from the VIP, broadcast, as keepalived sends it) and an unsolicited neighbour
 * advertisement (RFC 4861 §7.2.6: override flag, target link-layer address option).
 */
final class Announcements {
    static final int ETH_P_ARP = 0x0806;
    static final int IPPROTO_ICMPV6 = 58;
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private Announcements() {
    }

    /** Ethernet + ARP request: sender = target = the VIP, target MAC broadcast. */
    static byte[] gratuitousArp(byte[] mac, InetAddress vip) {
        byte[] ip = vip.getAddress();
        return ByteBuffer.allocate(42)
                .put(BROADCAST).put(mac).putShort((short) ETH_P_ARP)
                .putShort((short) 1)          // hardware type: Ethernet
                .putShort((short) 0x0800)     // protocol type: IPv4
                .put((byte) 6).put((byte) 4)
                .putShort((short) 1)          // request
                .put(mac).put(ip)
                .put(BROADCAST).put(ip)
                .array();
    }

    /**
     * An ARP probe for the VIP (RFC 5227 §2.1.1: sender address 0.0.0.0). A node that holds the
     * address answers it, Linux included, which is how a second holder is found.
     */
    static byte[] arpProbe(byte[] mac, InetAddress vip) {
        return ByteBuffer.allocate(42)
                .put(BROADCAST).put(mac).putShort((short) ETH_P_ARP)
                .putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4)
                .putShort((short) 1)
                .put(mac).put(new byte[4])
                .put(new byte[6]).put(vip.getAddress())
                .array();
    }

    /** ICMPv6 neighbour advertisement; the kernel fills in the checksum of ICMPv6 raw sockets. */
    static byte[] unsolicitedNeighbourAdvert(byte[] mac, InetAddress vip) {
        return ByteBuffer.allocate(32)
                .put((byte) 136).put((byte) 0).putShort((short) 0)
                .putInt(0x2000_0000)          // override, neither router nor solicited
                .put(vip.getAddress())
                .put((byte) 2).put((byte) 1)  // option: target link-layer address, 8 bytes
                .put(mac)
                .array();
    }
}
