package io.ipvsd.daemon.vrrp.runtime;

import io.ipvsd.ipvs.Endpoints;
import java.net.InetAddress;

/** Address constants of the protocol, parsed once. */
final class Addresses {
    static final InetAddress VRRP_GROUP_V4 = literal("224.0.0.18");
    static final InetAddress VRRP_GROUP_V6 = literal("ff02::12");
    static final InetAddress UNSPECIFIED_V4 = literal("0.0.0.0");
    static final InetAddress UNSPECIFIED_V6 = literal("::");

    private Addresses() {
    }

    static InetAddress literal(String text) {
        return Endpoints.parseAddress(text);
    }
}
