package io.ipvsd.daemon.reconcile;

import io.ipvsd.daemon.plan.SyncFirewall;
import java.io.IOException;

/** The reconciler's view of ipvsd's nf_tables table. */
public interface FirewallGateway {

    /** The change that makes the table match the desired rules, or null when it already does. */
    SyncFirewall diff() throws IOException;

    /** Applies a change from {@link #diff()} as one atomic batch. */
    void apply(SyncFirewall change) throws IOException;

    /** No firewall rules to manage: never reads or writes nf_tables. */
    FirewallGateway NONE = new FirewallGateway() {
        @Override
        public SyncFirewall diff() {
            return null;
        }

        @Override
        public void apply(SyncFirewall change) {
            throw new IllegalStateException("no firewall change can come from an empty diff");
        }
    };
}
