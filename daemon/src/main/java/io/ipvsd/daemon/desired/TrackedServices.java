package io.ipvsd.daemon.desired;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.RealServerConfig;
import io.ipvsd.daemon.config.VirtualServiceConfig;
import io.ipvsd.daemon.config.VrrpInstanceConfig;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The VRRP instances' `track_service`: a node whose tracked service has no real server up gives
 * its VIP up (FAULT) so that a peer with a live pool serves it, what keepalived needs a
 * hand-written track_script for.
 */
public final class TrackedServices {
    private TrackedServices() {
    }

    /**
     * @param health the monitor's snapshot; a real server missing from it (not checked) counts as up,
     *               as in {@link io.ipvsd.daemon.health.PoolDecision}
     * @return per instance name, the reasons its tracked services cannot serve (only instances with one)
     */
    public static Map<String, Set<String>> faults(Config config, Map<TargetKey, TargetStatus> health) {
        Map<String, VirtualServiceConfig> byName = new HashMap<>();
        config.services().stream().filter(s -> s.name() != null).forEach(s -> byName.put(s.name(), s));
        Map<String, Set<String>> out = new HashMap<>();
        for (VrrpInstanceConfig instance : config.vrrpInstances()) {
            Set<String> reasons = new TreeSet<>();
            for (String name : instance.trackServices()) {
                VirtualServiceConfig service = byName.get(name);
                if (service != null && !anyUp(service, health)) {
                    reasons.add("tracked service " + name + " has no real server up");
                }
            }
            if (!reasons.isEmpty()) {
                out.put(instance.name(), reasons);
            }
        }
        return out;
    }

    private static boolean anyUp(VirtualServiceConfig service, Map<TargetKey, TargetStatus> health) {
        String key = KernelTerms.serviceKey(service.key()).toString();
        for (RealServerConfig r : service.reals()) {
            TargetStatus status = health.get(new TargetKey(key, r.address(), r.port()));
            if (status == null || status.up()) {
                return true;
            }
        }
        return false;
    }
}
