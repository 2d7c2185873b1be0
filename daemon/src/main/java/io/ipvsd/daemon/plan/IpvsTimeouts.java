package io.ipvsd.daemon.plan;

/** IPVS connection timeouts in seconds (ipvsadm --set tcp tcpfin udp); 0 leaves one unchanged. */
public record IpvsTimeouts(int tcp, int tcpFin, int udp) {
    /** Whether the kernel's values already satisfy these (zeros are "don't care"). */
    public boolean satisfiedBy(IpvsTimeouts kernel) {
        return (tcp == 0 || tcp == kernel.tcp) && (tcpFin == 0 || tcpFin == kernel.tcpFin) && (udp == 0 || udp == kernel.udp);
    }
}
