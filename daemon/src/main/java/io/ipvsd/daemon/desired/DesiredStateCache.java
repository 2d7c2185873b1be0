package io.ipvsd.daemon.desired;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.SyncDaemonConfig;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.ipvs.ServiceKey;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The daemon's desired state, built again only when something it is built from changed: the file
 * (another {@link Config}), what a pool decision reads of the health snapshot (each monitored real
 * server's up/down and weight, not its last result or timestamps), the last pass's quorum states,
 * and whether the instance a sync daemon follows is master. Otherwise the last {@link
 * DesiredStateBuilder.Result} is returned, the same objects: at 10,000 services x 10 an idle pass
 * rebuilt 100,000 real servers' settings from the file, and the comparison with the last pass's
 * state (metrics' drift) then walked both.
 *
 * <p>Used by one thread (the daemon's loop).
 */
public final class DesiredStateCache {
    private Config config;
    private Map<TargetKey, Decisive> health;
    private Map<ServiceKey, Boolean> quorumWasUp;
    private boolean followedInstanceMaster;
    private DesiredStateBuilder.Result result;

    /** What {@link io.ipvsd.daemon.health.PoolDecision} reads of a target's status. */
    private record Decisive(boolean up, int weight) {
    }

    /** As {@link DesiredStateBuilder#build(Config, Map, Map, Predicate)}; the last result when its inputs are the same. */
    public DesiredStateBuilder.Result build(Config config, Map<TargetKey, TargetStatus> health,
                                            Map<ServiceKey, Boolean> quorumWasUp, Predicate<String> vrrpMaster) {
        Map<TargetKey, Decisive> decisive = new HashMap<>(health.size() * 2);
        health.forEach((key, status) -> decisive.put(key, new Decisive(status.up(), status.weight())));
        SyncDaemonConfig sync = config.syncDaemon();
        boolean master = sync != null && sync.followInstance() != null && vrrpMaster.test(sync.followInstance());
        if (result != null && config == this.config && master == followedInstanceMaster
                && decisive.equals(this.health) && quorumWasUp.equals(this.quorumWasUp)) {
            return result;
        }
        result = DesiredStateBuilder.build(config, health, quorumWasUp, instance -> master);
        this.config = config;
        this.health = decisive;
        this.quorumWasUp = Map.copyOf(quorumWasUp);
        this.followedInstanceMaster = master;
        return result;
    }
}
