package io.ipvsd.daemon.metrics;

import io.ipvsd.daemon.health.PoolOutcome;
import io.ipvsd.daemon.plan.ObservedServices;
import io.ipvsd.ipvs.ServiceKey;
import java.util.Map;

/**
 * What the last passes left for a scrape to read: the service table as last observed and each
 * configured service's name and pool outcome. Immutable; replaced whole by every pass.
 *
 * @param observed the last reading of the kernel's services (empty before the first pass)
 * @param names    name from the file of each configured service that has one
 * @param byText   each configured service by its identity text, as health targets name it
 * @param outcomes quorum and sorry-server state of each configured service, from the last pass
 * @param realServersLeftOut the real servers observed when they were more than [metrics]
 *                           max_real_servers, so that none has series of its own; else 0
 */
record LastPass(ObservedServices observed, Map<ServiceKey, String> names, Map<String, ServiceKey> byText,
                Map<ServiceKey, PoolOutcome> outcomes, int realServersLeftOut) {
    static final LastPass NONE = new LastPass(new ObservedServices(Map.of(), java.util.List.of()), Map.of(), Map.of(),
            Map.of(), 0);

    LastPass {
        names = Map.copyOf(names);
        byText = Map.copyOf(byText);
        outcomes = Map.copyOf(outcomes);
    }

    String nameOf(ServiceKey key) {
        return names.getOrDefault(key, "");
    }
}
