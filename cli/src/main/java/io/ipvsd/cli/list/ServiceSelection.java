package io.ipvsd.cli.list;

import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.ServiceKey;
import picocli.CommandLine.Option;

/** ipvsadm's virtual-service options: at most one of them. */
final class ServiceSelection {
    @Option(names = {"-t", "--tcp-service"}, paramLabel = "ADDR[:PORT]",
            description = "Only the TCP service ADDR:PORT (no PORT: port 0).")
    String tcp;

    @Option(names = {"-u", "--udp-service"}, paramLabel = "ADDR[:PORT]", description = "Only the UDP service ADDR:PORT.")
    String udp;

    @Option(names = "--sctp-service", paramLabel = "ADDR[:PORT]", description = "Only the SCTP service ADDR:PORT.")
    String sctp;

    @Option(names = {"-f", "--fwmark-service"}, paramLabel = "MARK",
            description = "Only the firewall-mark service MARK (IPv4; with -6, IPv6).")
    String fwmark;

    boolean isFwmark() {
        return fwmark != null;
    }

    /** How many of the options were given. */
    int count() {
        return (tcp != null ? 1 : 0) + (udp != null ? 1 : 0) + (sctp != null ? 1 : 0) + (fwmark != null ? 1 : 0);
    }

    /** @throws IllegalArgumentException for an argument that names no service */
    ServiceKey key(boolean ipv6) {
        if (fwmark != null) {
            return new FwmarkServiceKey(ipv6 ? AddressFamily.INET6 : AddressFamily.INET, mark(fwmark));
        }
        Protocol protocol = tcp != null ? Protocol.TCP : udp != null ? Protocol.UDP : Protocol.SCTP;
        ServiceAddress a = ServiceAddress.parse(tcp != null ? tcp : udp != null ? udp : sctp);
        return new AddressServiceKey(protocol, a.address(), a.portOrZero());
    }

    private static long mark(String text) {
        if (!text.matches("[0-9]{1,10}") || Long.parseLong(text) < 1 || Long.parseLong(text) > 0xffffffffL) {
            throw new IllegalArgumentException("invalid fwmark value '" + text + "': expected 1-4294967295");
        }
        return Long.parseLong(text);
    }
}
