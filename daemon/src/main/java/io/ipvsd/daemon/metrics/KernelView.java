package io.ipvsd.daemon.metrics;

import io.ipvsd.daemon.plan.ObservedService;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.Stats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One observation's services and real servers as label values and numbers. Series whose labels
 * coincide (an IPv4 and an IPv6 firewall-mark service with the same mark) are summed, as
 * node_exporter does with its backends.
 */
final class KernelView {
    /** Indexes into a series' values. */
    static final int CONNECTIONS = 0;
    static final int IN_PACKETS = 1;
    static final int OUT_PACKETS = 2;
    static final int IN_BYTES = 3;
    static final int OUT_BYTES = 4;
    static final int ACTIVE = 5;
    static final int INACTIVE = 6;
    static final int WEIGHT = 7;

    final LastPass source;
    final Map<List<String>, long[]> services = new LinkedHashMap<>();
    final Map<List<String>, long[]> realServers = new LinkedHashMap<>();

    private KernelView(LastPass source) {
        this.source = source;
    }

    static KernelView of(LastPass pass) {
        KernelView view = new KernelView(pass);
        for (Map.Entry<ServiceKey, ObservedService> e : pass.observed().services().entrySet()) {
            ServiceKey key = e.getKey();
            String name = pass.nameOf(key);
            add(view.services, IpvsLabels.service(key, name), e.getValue().service().stats(), 0, 0, 0);
            if (pass.realServersLeftOut() > 0) {
                continue;
            }
            for (Destination d : e.getValue().destinations().values()) {
                add(view.realServers, IpvsLabels.realServer(key, name, d.key().address(), d.key().port()), d.stats(),
                        d.activeConnections(), d.inactiveConnections(), d.settings().weight());
            }
        }
        return view;
    }

    private static void add(Map<List<String>, long[]> into, List<String> labels, Stats s, long active, long inactive,
                            long weight) {
        long[] v = into.computeIfAbsent(labels, k -> new long[8]);
        v[CONNECTIONS] += s.connections();
        v[IN_PACKETS] += s.inPackets();
        v[OUT_PACKETS] += s.outPackets();
        v[IN_BYTES] += s.inBytes();
        v[OUT_BYTES] += s.outBytes();
        v[ACTIVE] += active;
        v[INACTIVE] += inactive;
        v[WEIGHT] += weight;
    }
}
