package io.ipvsd.daemon.config;

import java.net.InetAddress;

/**
 * An address ipvsd puts on an interface: a VRRP instance's virtual_ipaddress (present while the
 * instance is MASTER) or a [[static_ipaddress]] (always present).
 *
 * @param prefixLength /32 or /128 unless written
 * @param dev          the interface; for a VRRP address the instance's interface unless written
 * @param label        IFA_LABEL ("eth0:1", IPv4 only), or null
 * @param pos          where the address itself was written
 */
public record VirtualAddressConfig(InetAddress address, int prefixLength, String dev, String label, SourcePos pos) {

    public Family family() {
        return Addresses.familyOf(address);
    }
}
