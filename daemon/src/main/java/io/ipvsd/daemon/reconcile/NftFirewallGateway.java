package io.ipvsd.daemon.reconcile;

import io.ipvsd.daemon.plan.SyncFirewall;
import io.ipvsd.nft.NftClient;
import io.ipvsd.nft.NftPlan;
import io.ipvsd.nft.NftRuleset;
import java.io.IOException;

/** {@link FirewallGateway} over nft-bridge: ipvsd's one table, changed by one atomic batch. */
public final class NftFirewallGateway implements FirewallGateway {
    private final NftClient client;
    private final NftRuleset desired;

    public NftFirewallGateway(NftClient client, NftRuleset desired) {
        this.client = client;
        this.desired = desired;
    }

    @Override
    public SyncFirewall diff() throws IOException {
        NftPlan plan = client.plan(desired);
        return plan.isEmpty() ? null : new SyncFirewall(plan.changes(), plan);
    }

    /**
     * A batch planned against a table someone changed since is refused by the kernel (ERESTART,
     * through the generation id): the next pass plans again from a fresh read.
     */
    @Override
    public void apply(SyncFirewall change) throws IOException {
        client.apply((NftPlan) change.batch());
    }
}
