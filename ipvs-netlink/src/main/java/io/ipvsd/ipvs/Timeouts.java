package io.ipvsd.ipvs;

/**
 * IPVS connection timeouts in seconds (ipvsadm --set tcp tcpfin udp). When setting, 0 leaves that
 * timeout as it is, as ipvsadm and the kernel treat it.
 */
public record Timeouts(int tcp, int tcpFin, int udp) {
}
