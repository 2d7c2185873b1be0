package io.ipvsd.cli.list;

import io.ipvsd.ipvs.conn.IpvsConnection;
import java.util.List;
import java.util.Locale;

/** The connection table as ipvsadm 1.31 -Lnc prints it (list_conn, print_conn), in the kernel's order. */
final class ConnectionTableText {
    private ConnectionTableText() {
    }

    /** @param withPe add the persistence engine columns, as ipvsadm --persistent-conn does */
    static String render(List<IpvsConnection> connections, boolean withPe) {
        StringBuilder out = new StringBuilder("IPVS connection entries\n");
        if (withPe) {
            out.append(String.format(Locale.ROOT, "pro expire %-11s %-18s %-18s %-18s %-16s %s\n",
                    "state", "source", "virtual", "destination", "pe name", "pe_data"));
        } else {
            out.append(String.format(Locale.ROOT, "pro expire %-11s %-18s %-18s %s\n",
                    "state", "source", "virtual", "destination"));
        }
        for (IpvsConnection c : connections) {
            String client = AddressText.of(c.clientAddress(), c.clientPort());
            String virtual = AddressText.of(c.virtualAddress(), c.virtualPort());
            String destination = AddressText.of(c.destinationAddress(), c.destinationPort());
            // ipvsadm shows the engine columns only for entries that have both a name and data.
            if (withPe && c.peName() != null && c.peData() != null) {
                out.append(String.format(Locale.ROOT, "%-3s %-6s %-11s %-18s %-18s %-16s %-18s %s\n",
                        c.protocol(), expires(c.expiresSeconds()), c.state(), client, virtual, destination,
                        c.peName(), c.peData()));
            } else {
                out.append(String.format(Locale.ROOT, "%-3s %-6s %-11s %-18s %-18s %s\n",
                        c.protocol(), expires(c.expiresSeconds()), c.state(), client, virtual, destination));
            }
        }
        return out.toString();
    }

    /** "MM:SS", minutes unbounded. */
    private static String expires(long seconds) {
        return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }
}
