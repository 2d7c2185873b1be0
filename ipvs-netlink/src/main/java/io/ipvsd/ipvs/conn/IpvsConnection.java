package io.ipvsd.ipvs.conn;

import java.net.InetAddress;

/**
 * One entry of the kernel's IPVS connection table, as /proc/net/ip_vs_conn shows it.
 *
 * <p>Persistence templates are entries too: their client port is 0, and the kernel names them
 * with the service's protocol (6.x) or "IP" (fwmark services, older kernels). The protocol and
 * state stay the kernel's text because the set of names differs between kernels and protocols
 * (TCP states, "UDP", SCTP states, "NONE", "ASSURED"...).
 *
 * @param protocol           kernel protocol name: "TCP", "UDP", "SCTP", "IP"...
 * @param clientAddress      the client (for a template: the client network after the netmask)
 * @param virtualAddress     the virtual service address (0.0.0.0 / :: in fwmark templates)
 * @param destinationAddress the real server; its family may differ from the client's (tunnels)
 * @param state              kernel state name, e.g. "ESTABLISHED", "FIN_WAIT", "NONE"
 * @param expiresSeconds     seconds until the entry expires
 * @param peName             persistence engine name (e.g. "sip"), or null
 * @param peData             persistence engine data (e.g. the SIP Call-ID), or null
 */
public record IpvsConnection(String protocol,
                             InetAddress clientAddress, int clientPort,
                             InetAddress virtualAddress, int virtualPort,
                             InetAddress destinationAddress, int destinationPort,
                             String state, long expiresSeconds,
                             String peName, String peData) {
    /** A persistence template rather than a connection: the kernel gives templates client port 0. */
    public boolean isTemplate() {
        return clientPort == 0;
    }
}
