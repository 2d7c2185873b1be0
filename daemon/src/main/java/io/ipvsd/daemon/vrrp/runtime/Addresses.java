package io.ipvsd.daemon.vrrp.runtime;

import io.ipvsd.ipvs.Endpoints;
import java.net.InetAddress;

/** Address constants of the protocol, parsed once. */
final class Addresses {
    static final InetAddress VRRP_GROUP_V4 = literal("224.0.0.18");
    static final InetAddress VRRP_GROUP_V6 = literal("ff02::12");

    private Addresses() {
    }

    static InetAddress literal(String text) {
        return Endpoints.parseAddress(text);
    }
}
