package io.ipvsd.rtnl;

import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.netlink.AttrReader;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * rtnetlink messages for links and addresses (include/uapi/linux/rtnetlink.h, if_link.h,
 * if_addr.h), apart from any socket. Decoding skips attributes it does not know and refuses
 * truncated ones with a {@link NetlinkProtocolException}.
 */
final class RtnlCodec {
    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;

    private static final int AF_UNSPEC = 0;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    /** struct ifinfomsg { u8 family; u8 pad; u16 type; s32 index; u32 flags; u32 change; } */
    private static final int IFINFOMSG_LENGTH = 16;
    private static final int IFLA_ADDRESS = 1;
    private static final int IFLA_IFNAME = 3;
    private static final int IFF_UP = 0x1;
    private static final int IFF_RUNNING = 0x40;

    /** struct ifaddrmsg { u8 family; u8 prefixlen; u8 flags; u8 scope; u32 index; } */
    private static final int IFADDRMSG_LENGTH = 8;
    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int IFA_LABEL = 3;
    private static final int IFA_FLAGS = 8;
    /** Skip duplicate address detection: a VIP must work at once, as keepalived's do. */
    private static final int IFA_F_NODAD = 0x02;
    private static final int RT_SCOPE_UNIVERSE = 0;

    private RtnlCodec() {
    }

    /** RTM_GETLINK for every link (send as a dump). */
    static NetlinkMessage dumpLinks() {
        return NetlinkMessage.request(RTM_GETLINK, 0, ifinfomsg());
    }

    /** RTM_GETLINK for the link named {@code name}. */
    static NetlinkMessage getLink(String name) {
        return NetlinkMessage.request(RTM_GETLINK, 0, new AttrWriter().header(ifinfomsg()).string(IFLA_IFNAME, name).toBytes());
    }

    /** RTM_GETADDR for every address of both families (send as a dump). */
    static NetlinkMessage dumpAddresses() {
        return NetlinkMessage.request(RTM_GETADDR, 0, ifaddrmsg(AF_UNSPEC, 0, 0, 0));
    }

    /**
     * RTM_NEWADDR that fails with EEXIST when the address is there. IPv4 carries IFA_LOCAL and
     * IFA_ADDRESS (equal: no peer) and the label; IPv6 carries IFA_ADDRESS and NODAD, in the
     * header's flags and in IFA_FLAGS (the header's field is only 8 bits wide; newer kernels read
     * the attribute).
     */
    static NetlinkMessage newAddress(InterfaceAddress a) {
        AttrWriter w = new AttrWriter();
        byte[] address = a.address().getAddress();
        if (a.address() instanceof Inet4Address) {
            w.header(ifaddrmsg(AF_INET, a.prefixLength(), 0, a.ifindex()))
                    .bytes(IFA_LOCAL, address).bytes(IFA_ADDRESS, address);
            if (a.label() != null) {
                w.string(IFA_LABEL, a.label());
            }
        } else {
            w.header(ifaddrmsg(AF_INET6, a.prefixLength(), IFA_F_NODAD, a.ifindex()))
                    .bytes(IFA_ADDRESS, address).u32(IFA_FLAGS, IFA_F_NODAD);
        }
        return NetlinkMessage.request(RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, w.toBytes());
    }

    /**
     * RTM_DELADDR matching address and prefix length, whatever the label: the caller wants the
     * address gone, and a label mismatch would make the kernel answer EADDRNOTAVAIL with the
     * address still there.
     */
    static NetlinkMessage deleteAddress(InterfaceAddress a) {
        AttrWriter w = new AttrWriter();
        byte[] address = a.address().getAddress();
        if (a.address() instanceof Inet4Address) {
            w.header(ifaddrmsg(AF_INET, a.prefixLength(), 0, a.ifindex())).bytes(IFA_LOCAL, address).bytes(IFA_ADDRESS, address);
        } else {
            w.header(ifaddrmsg(AF_INET6, a.prefixLength(), 0, a.ifindex())).bytes(IFA_ADDRESS, address);
        }
        return NetlinkMessage.request(RTM_DELADDR, 0, w.toBytes());
    }

    /** "192.0.2.98/24 dev 3", for error messages. */
    static String describe(InterfaceAddress a) {
        return Endpoints.address(a.address()) + "/" + a.prefixLength() + " dev " + a.ifindex();
    }

    static Link decodeLink(NetlinkMessage m) throws NetlinkProtocolException {
        if (m.type() != RTM_NEWLINK) {
            throw new NetlinkProtocolException("expected RTM_NEWLINK, got message type " + m.type());
        }
        ByteBuffer header = m.payloadBuffer();
        AttrReader r = AttrReader.afterHeader(m, IFINFOMSG_LENGTH);
        String name = null;
        byte[] mac = new byte[0];
        while (r.next()) {
            switch (r.type()) {
                case IFLA_IFNAME -> name = r.string();
                case IFLA_ADDRESS -> mac = r.bytes();
                default -> { }
            }
        }
        r.check("decode link");
        int index = header.getInt(4);
        if (name == null) {
            throw new NetlinkProtocolException("decode link: link " + index + " has no IFLA_IFNAME");
        }
        int flags = header.getInt(8);
        return new Link(index, name, mac, (flags & IFF_UP) != 0 && (flags & IFF_RUNNING) != 0);
    }

    /** The address, or empty for a family other than IPv4 and IPv6. */
    static Optional<InterfaceAddress> decodeAddress(NetlinkMessage m) throws NetlinkProtocolException {
        if (m.type() != RTM_NEWADDR) {
            throw new NetlinkProtocolException("expected RTM_NEWADDR, got message type " + m.type());
        }
        ByteBuffer header = m.payloadBuffer();
        AttrReader r = AttrReader.afterHeader(m, IFADDRMSG_LENGTH);
        byte[] address = null;
        byte[] local = null;
        String label = null;
        while (r.next()) {
            switch (r.type()) {
                case IFA_ADDRESS -> address = r.bytes();
                case IFA_LOCAL -> local = r.bytes();
                case IFA_LABEL -> label = r.string();
                default -> { }
            }
        }
        r.check("decode address");
        int family = Byte.toUnsignedInt(header.get(0));
        if (family != AF_INET && family != AF_INET6) {
            return Optional.empty();
        }
        int prefixLength = Byte.toUnsignedInt(header.get(1));
        int index = header.getInt(4);
        // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer's on point-to-point links.
        byte[] own = local != null ? local : address;
        int expected = family == AF_INET ? 4 : 16;
        if (own == null || own.length != expected) {
            throw new NetlinkProtocolException("decode address: interface " + index + " has an address of "
                    + (own == null ? "no" : own.length) + " bytes, expected " + expected);
        }
        if (prefixLength > expected * 8) {
            throw new NetlinkProtocolException("decode address: prefix length " + prefixLength + " on interface " + index);
        }
        return Optional.of(new InterfaceAddress(index, inetAddress(own), prefixLength, family == AF_INET ? label : null));
    }

    private static InetAddress inetAddress(byte[] bytes) {
        try {
            // Inet6Address.getByAddress keeps ::ffff:a.b.c.d an IPv6 address; InetAddress's would not.
            return bytes.length == 4 ? InetAddress.getByAddress(bytes) : Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("checked length", e);
        }
    }

    private static byte[] ifinfomsg() {
        return ByteBuffer.allocate(IFINFOMSG_LENGTH).order(ByteOrder.nativeOrder()).put(0, (byte) AF_UNSPEC).array();
    }

    private static byte[] ifaddrmsg(int family, int prefixLength, int flags, int ifindex) {
        return ByteBuffer.allocate(IFADDRMSG_LENGTH).order(ByteOrder.nativeOrder())
                .put((byte) family).put((byte) prefixLength).put((byte) flags).put((byte) RT_SCOPE_UNIVERSE)
                .putInt(ifindex).array();
    }
}
