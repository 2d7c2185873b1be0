package io.ipvsd.daemon;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.desired.FirewallRules;
import io.ipvsd.daemon.reconcile.FirewallGateway;
import io.ipvsd.daemon.reconcile.NftFirewallGateway;
import io.ipvsd.nft.NftClient;
import java.io.IOException;

/** ipvsd's nf_tables table, kept to the config's [[mark]] and [[masquerade]] rules. */
final class Firewall implements AutoCloseable {
    private final NftClient client;

    Firewall(NftClient client) {
        this.client = client;
    }

    static Firewall open() throws IOException {
        return new Firewall(NftClient.open());
    }

    /**
     * The gateway for this config's rules. A config without rules still gets one: the table is
     * ipvsd's, so rules left from an earlier config are removed.
     */
    FirewallGateway gateway(Config config) {
        return new NftFirewallGateway(client, FirewallRules.from(config));
    }

    @Override
    public void close() {
        client.close();
    }
}
