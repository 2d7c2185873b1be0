package io.ipvsd.rtnl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An address on an interface.
 *
 * @param ifindex      the interface's index
 * @param address      the local address (IFA_LOCAL for IPv4, IFA_ADDRESS for IPv6)
 * @param prefixLength 0..32 for IPv4, 0..128 for IPv6
 * @param label        IPv4 only: the IFA_LABEL. The kernel reports one for every IPv4 address,
 *                     the device name when none was given, and it is kept as reported. Null when
 *                     adding means no label; always null for IPv6, which has no labels.
 */
public record InterfaceAddress(int ifindex, InetAddress address, int prefixLength, String label) {

    /** IFNAMSIZ minus the terminating NUL. */
    private static final int MAX_LABEL = 15;

    public InterfaceAddress {
        Objects.requireNonNull(address, "address");
        boolean ipv4 = address instanceof Inet4Address;
        int maxPrefix = ipv4 ? 32 : 128;
        if (prefixLength < 0 || prefixLength > maxPrefix) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not in 0.." + maxPrefix);
        }
        if (label != null) {
            if (!ipv4) {
                throw new IllegalArgumentException("IPv6 addresses take no label");
            }
            int bytes = label.getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes > MAX_LABEL) {
                throw new IllegalArgumentException("label '" + label + "' is not 1..15 bytes");
            }
        }
    }
}
