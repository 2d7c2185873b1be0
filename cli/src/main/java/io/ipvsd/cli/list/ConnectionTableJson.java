package io.ipvsd.cli.list;

import io.ipvsd.ipvs.conn.IpvsConnection;
import java.util.List;

/**
 * The JSON document of {@code ipvsctl list -c --json}; stable like {@link ServiceTableJson}.
 *
 * <pre>
 * { "connections": [ {                       in the kernel's order
 *     "protocol": "TCP",                     the kernel's name: "TCP", "UDP", "SCTP", "IP" (fwmark templates)...
 *     "client": { "address": "10.9.1.2", "port": 48032 },
 *     "virtual": { "address": "10.9.1.100", "port": 80 },
 *     "destination": { "address": "10.9.2.2", "port": 80 },
 *     "state": "ESTABLISHED",                the kernel's state name
 *     "expires": 899,                        seconds
 *     "template": false,                     a persistence template (client port 0)
 *     "peName": null, "peData": null } ] }   persistence engine and its data (e.g. "sip", a Call-ID)
 * </pre>
 */
record ConnectionTableJson(List<ConnectionJson> connections) {

    static ConnectionTableJson of(List<IpvsConnection> connections) {
        return new ConnectionTableJson(connections.stream().map(ConnectionTableJson::connection).toList());
    }

    record ConnectionJson(String protocol, EndpointJson client, EndpointJson virtual, EndpointJson destination,
                          String state, long expires, boolean template, String peName, String peData) {
    }

    record EndpointJson(String address, int port) {
    }

    private static ConnectionJson connection(IpvsConnection c) {
        return new ConnectionJson(c.protocol(),
                new EndpointJson(AddressText.address(c.clientAddress()), c.clientPort()),
                new EndpointJson(AddressText.address(c.virtualAddress()), c.virtualPort()),
                new EndpointJson(AddressText.address(c.destinationAddress()), c.destinationPort()),
                c.state(), c.expiresSeconds(), c.isTemplate(), c.peName(), c.peData());
    }
}
