package io.ipvsd.daemon.vrrp.runtime;

import java.net.InetAddress;

/**
 * An address ipvsd puts on an interface: a VRRP instance's VIP, or a static one.
 *
 * @param label null for none
 * @param owner the instance's name, or null for a [[static_ipaddress]]
 */
public record ManagedAddress(InetAddress address, int prefixLength, String dev, String label, String owner) {
    /** As `ip addr` writes it: 192.0.2.98/24. */
    public String cidr() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
