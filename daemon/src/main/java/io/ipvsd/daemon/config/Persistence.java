package io.ipvsd.daemon.config;

/**
 * Client persistence (ipvsadm -p, -M).
 *
 * @param timeoutSeconds how long a client stays with its real server after its last connection
 * @param netmask        as the kernel takes it: for an IPv4 service the 32-bit mask
 *                       (0xFFFFFFFF = per client address); for IPv6 the prefix length (128)
 */
public record Persistence(int timeoutSeconds, long netmask) {
}
