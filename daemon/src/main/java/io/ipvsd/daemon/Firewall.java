package io.ipvsd.daemon;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.reconcile.FirewallGateway;
import java.io.IOException;

/** ipvsd's nf_tables table, kept to the config's [[mark]] and [[masquerade]] rules. */
final class Firewall implements AutoCloseable {

    static Firewall open() throws IOException {
        return new Firewall();
    }

    /** The gateway for this config's rules; NONE when the config has none. */
    FirewallGateway gateway(Config config) {
        return FirewallGateway.NONE;
    }

    @Override
    public void close() {
    }
}
