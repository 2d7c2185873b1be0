package io.ipvsd.ipvs.wire;

import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Addresses as IPVS carries them: union nf_inet_addr, 16 bytes with an IPv4 address in the first 4. */
final class Addresses {
    private Addresses() {
    }

    static byte[] encode(InetAddress address) {
        return Arrays.copyOf(address.getAddress(), IpvsGenl.ADDR_LENGTH);
    }

    static InetAddress decode(AttrTable t, int type, AddressFamily family) throws NetlinkProtocolException {
        try {
            // Not InetAddress.getByAddress for IPv6: it turns ::ffff:a.b.c.d into an IPv4 address,
            // and the key would no longer name the kernel's IPv6 service.
            return family == AddressFamily.INET ? InetAddress.getByAddress(t.leadingBytes(type, IpvsGenl.ADDR_LENGTH, 4))
                    : Inet6Address.getByAddress(null, t.bytes(type, IpvsGenl.ADDR_LENGTH), -1);
        } catch (UnknownHostException e) {
            throw t.invalid("address attribute " + type + ": " + e.getMessage()); // unreachable for 4 or 16 bytes
        }
    }

    static AddressFamily family(AttrTable t, int type) throws NetlinkProtocolException {
        int af = t.u16(type);
        try {
            return AddressFamily.fromValue(af);
        } catch (IllegalArgumentException e) {
            throw t.invalid(e.getMessage());
        }
    }
}
