package io.ipvsd.daemon.reconcile;

import io.ipvsd.daemon.plan.ObservedService;
import io.ipvsd.daemon.plan.ObservedServices;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceTable;
import io.ipvsd.ipvs.UnreadService;
import io.ipvsd.netlink.NetlinkProtocolException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last reading of each service's real servers, and which of them a pass reads again.
 *
 * <p>Reading real servers costs one dump per service: at 10,000 services x 10 that is the whole
 * of an idle pass (more than {@code ipvsadm-save -n} takes). So a pass reads the service table
 * whole, and the real servers of
 * <ul>
 * <li>every service it has no reading of: new to it, changed by ipvsd since (see
 *     {@link #forget}), or unreadable last time;</li>
 * <li>every service the caller names (those with draining real servers, whose connection counts
 *     decide when they go);</li>
 * <li>then, oldest reading first, others until about {@code share} real servers have been read
 *     (0: all of them).</li>
 * </ul>
 * The others keep their last reading. The reconciler reads again, before it writes, any service a
 * plan would change ({@link #reread}), so no write is planned from an old reading; a change made
 * behind ipvsd's back is found within (real servers / share) passes. Only the daemon keeps
 * readings across passes: a one-shot {@code ipvsctl plan} or {@code apply} has none, so it reads
 * everything.
 */
final class RealServerReadings {
    private record Reading(Map<DestinationKey, Destination> destinations, Instant at) {
    }

    /** Oldest reading first: a service read again moves to the end. */
    private final LinkedHashMap<ServiceKey, Reading> byAge = new LinkedHashMap<>();
    private final Clock clock;

    RealServerReadings(Clock clock) {
        this.clock = clock;
    }

    /**
     * One observation of the service table.
     *
     * @param services    every service, with its real servers as last read
     * @param earlier     the services whose real servers come from an earlier pass
     * @param realServers how many real servers this pass read
     */
    record Observation(ObservedServices services, Set<ServiceKey> earlier, int realServers) {
    }

    /**
     * Reads the service table and the real servers this pass must or may read.
     *
     * @param mustRead services whose real servers are read whatever their reading's age
     * @param share    about how many real servers to read beyond the must-reads; 0 reads all
     */
    Observation read(IpvsGateway ipvs, Set<ServiceKey> mustRead, int share) throws IOException {
        ServiceTable table = ipvs.serviceTable();
        Map<ServiceKey, Service> present = new LinkedHashMap<>();
        table.services().forEach(s -> present.put(s.key(), s));
        byAge.keySet().retainAll(present.keySet());
        Set<ServiceKey> toRead = new HashSet<>();
        for (ServiceKey key : present.keySet()) {
            if (share == Reconciler.EVERY_REAL_SERVER || mustRead.contains(key) || !byAge.containsKey(key)) {
                toRead.add(key);
            }
        }
        int budget = share;
        for (Map.Entry<ServiceKey, Reading> e : byAge.entrySet()) {
            if (budget <= 0) {
                break;
            }
            if (toRead.add(e.getKey())) {
                budget -= Math.max(1, e.getValue().destinations().size());
            }
        }
        Map<ServiceKey, ObservedService> out = new LinkedHashMap<>();
        List<UnreadService> unread = new ArrayList<>(table.unread());
        Set<ServiceKey> earlier = new HashSet<>();
        int[] realServers = {0};
        for (Service s : present.values()) {
            if (toRead.contains(s.key())) {
                readInto(ipvs, s, out, unread, realServers);
            } else {
                out.put(s.key(), new ObservedService(s, byAge.get(s.key()).destinations()));
                earlier.add(s.key());
            }
        }
        return new Observation(new ObservedServices(out, unread), earlier, realServers[0]);
    }

    /** The observation with the real servers of {@code keys} (those it has from an earlier pass) read now. */
    Observation reread(IpvsGateway ipvs, Observation o, Collection<ServiceKey> keys) throws IOException {
        Map<ServiceKey, ObservedService> out = new LinkedHashMap<>(o.services().services());
        List<UnreadService> unread = new ArrayList<>(o.services().unread());
        Set<ServiceKey> earlier = new HashSet<>(o.earlier());
        int[] realServers = {o.realServers()};
        for (ServiceKey key : keys) {
            if (earlier.remove(key)) {
                readInto(ipvs, out.remove(key).service(), out, unread, realServers);
            }
        }
        return new Observation(new ObservedServices(out, unread), earlier, realServers[0]);
    }

    private void readInto(IpvsGateway ipvs, Service s, Map<ServiceKey, ObservedService> out,
                          List<UnreadService> unread, int[] realServers) throws IOException {
        byAge.remove(s.key());
        Optional<List<Destination>> read;
        try {
            read = ipvs.destinations(s.key());
        } catch (NetlinkProtocolException e) {
            // A real server ipvsd cannot read: the service is known by its key only.
            unread.add(new UnreadService(s.key(), s.key().toString(), e.getMessage()));
            return;
        }
        if (read.isEmpty()) {
            return; // deleted since the service dump
        }
        Map<DestinationKey, Destination> dests = new HashMap<>();
        read.get().forEach(d -> dests.put(d.key(), d));
        realServers[0] += dests.size();
        ObservedService observed = new ObservedService(s, dests);
        out.put(s.key(), observed);
        byAge.put(s.key(), new Reading(observed.destinations(), clock.instant()));
    }

    /** Drops the readings of services the pass wrote to: the next pass reads them. */
    void forget(Collection<ServiceKey> keys) {
        byAge.keySet().removeAll(keys);
    }

    /** When the oldest reading kept was made, or null when none is kept. */
    Instant oldest() {
        Iterator<Reading> it = byAge.values().iterator();
        return it.hasNext() ? it.next().at() : null;
    }
}
