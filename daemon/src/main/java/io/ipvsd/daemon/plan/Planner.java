package io.ipvsd.daemon.plan;

import io.ipvsd.daemon.state.OwnedState;
import io.ipvsd.daemon.state.OwnedState.Draining;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.IpvsOp;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.SyncState;
import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.ipvs.Tunnel;
import io.ipvsd.ipvs.UnreadService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The pure diff: (desired, observed, owned, now) to a {@link Plan}. No I/O, so every rule below
 * is unit-tested.
 *
 * <p>Rules:
 * <ul>
 * <li>Smallest change: settings and real servers are edited in place; a service is only created
 *     or deleted when its identity (protocol/address/port or fwmark) is new or gone.</li>
 * <li>Ownership: a service is ipvsd's when the config declares it, an earlier config declared it
 *     (the ownership record), or the config says the whole table is ipvsd's. Nothing else is
 *     touched.</li>
 * <li>A real server whose health check failed is deleted at once (or kept at weight 0 when the
 *     service inhibits on failure: then it is simply in the desired set with weight 0).</li>
 * <li>Graceful drain: a real server that left the config gets weight 0 and is deleted once it
 *     has no active connections or its drain timeout has passed; UDP services and a zero timeout
 *     delete at once (UDP "connections" never close).</li>
 * <li>Sync daemon: started when missing, restarted when its settings differ.</li>
 * <li>A change whose values the kernel would refuse is not planned (its reason is in the plan); a
 *     service in the kernel that cannot be read fully is never edited, only deleted by its key
 *     when ipvsd owns it.</li>
 * <li>Order: sysctls, timeouts and the sync daemon first (ip_forward and vs.conntrack must hold before traffic
 *     is sent to a NAT service), then creations and edits, the firewall, then deletions.</li>
 * </ul>
 */
public final class Planner {
    private Planner() {
    }

    /**
     * @param firewall the firewall change, or null when the table already matches
     */
    public static Plan plan(DesiredState desired, ObservedState observed, OwnedState owned, Instant now,
                            SyncFirewall firewall) {
        List<Operation> early = new ArrayList<>();
        List<Operation> upserts = new ArrayList<>();
        List<Operation> removals = new ArrayList<>();
        Map<Draining, Instant> draining = new HashMap<>();
        List<String> notPlanned = new ArrayList<>();
        Map<ServiceKey, UnreadService> unread = new HashMap<>();
        observed.unread().stream().filter(u -> u.key() != null).forEach(u -> unread.put(u.key(), u));

        planSysctls(desired, observed, early);
        if (desired.timeouts() != null && (observed.timeouts() == null || !satisfied(desired.timeouts(), observed.timeouts()))) {
            early.add(new SetTimeouts(observed.timeouts(), desired.timeouts()));
        }
        planSyncDaemon(desired.syncDaemon(), desired.stopOtherSyncDaemon(), observed.syncDaemons(), early);

        // Only services that differ are sorted (into the plan's order): an idle pass sorts nothing.
        List<DesiredService> differing = desired.services().values().stream()
                .filter(want -> differs(want, observed.services().get(want.key()), unread)).toList();
        for (DesiredService want : sorted(differing, DesiredService::key)) {
            UnreadService odd = unread.get(want.key());
            if (odd != null) {
                // Editing what cannot be read would be a guess: say so, and plan the others.
                notPlanned.add("service " + want.key() + ": the kernel's copy cannot be read fully (" + odd.reason() + ")");
                continue;
            }
            ObservedService have = observed.services().get(want.key());
            if (have == null) {
                if (!add(upserts, notPlanned, () -> new IpvsOp.AddService(want.key(), want.settings()))) {
                    continue;
                }
                sortedKeys(want.destinations().keySet()).forEach(d -> add(upserts, notPlanned,
                        () -> new IpvsOp.AddDestination(want.key(), d, want.destinations().get(d))));
                continue;
            }
            if (!have.service().settings().equals(want.settings())) {
                add(upserts, notPlanned, () -> new IpvsOp.EditService(want.key(), have.service().settings(), want.settings()));
            }
            planDestinations(want, have, owned, now, upserts, removals, draining, notPlanned);
        }

        Set<ServiceKey> stillOwned = new HashSet<>(desired.services().keySet());
        Set<ServiceKey> present = new HashSet<>(observed.services().keySet());
        present.addAll(unread.keySet());
        for (ServiceKey key : sortedByText(present.stream().filter(k -> !desired.services().containsKey(k)).toList(),
                ServiceKey::toString)) {
            // A service is deleted by its key alone, so one ipvsd owns goes even when it cannot be read.
            if (desired.exclusive() || owned.services().contains(key)) {
                removals.add(new IpvsChange(new IpvsOp.DeleteService(key)));
                // Kept in the record until a later observation confirms it is gone.
                stillOwned.add(key);
            }
        }

        List<Operation> all = new ArrayList<>(early);
        all.addAll(upserts);
        if (firewall != null) {
            all.add(firewall);
        }
        all.addAll(removals);
        return new Plan(all, new OwnedState(stillOwned, draining), notPlanned);
    }

    /**
     * Adds the op when its values are valid; else records why it is not planned, so one op the
     * kernel would refuse never stops the rest of the plan.
     *
     * @return whether it was planned
     */
    private static boolean add(List<Operation> out, List<String> notPlanned, Supplier<IpvsOp> op) {
        try {
            out.add(new IpvsChange(op.get()));
            return true;
        } catch (IllegalArgumentException e) {
            notPlanned.add(e.getMessage());
            return false;
        }
    }

    /**
     * The kernel runs at most one sync daemon per state and cannot edit one: a daemon whose
     * settings differ is stopped and started again. Daemons of the other state are left alone,
     * unless the daemon follows a VRRP instance: then the node runs only the state it has now.
     */
    private static void planSyncDaemon(SyncDaemon want, boolean stopOther, List<SyncDaemon> running,
                                       List<Operation> out) {
        if (want == null) {
            return;
        }
        if (stopOther) {
            running.stream().filter(d -> d.state() != want.state()).forEach(d ->
                    out.add(new StopSyncDaemon(d, "VRRP: this node is now " + (want.state() == SyncState.MASTER
                            ? "master" : "backup"))));
        }
        SyncDaemon have = running.stream().filter(d -> d.state() == want.state()).findFirst().orElse(null);
        if (have == null) {
            out.add(new StartSyncDaemon(want));
        } else if (!satisfied(want, have)) {
            out.add(new StopSyncDaemon(have, "settings changed"));
            out.add(new StartSyncDaemon(want));
        }
    }

    /** Zero or null desired fields mean "the kernel's default", which the kernel reports filled in. */
    static boolean satisfied(SyncDaemon want, SyncDaemon kernel) {
        return want.interfaceName().equals(kernel.interfaceName()) && want.syncId() == kernel.syncId()
                && (want.maxLength() == 0 || want.maxLength() == kernel.maxLength())
                && (want.group() == null || want.group().equals(kernel.group()))
                && (want.port() == 0 || want.port() == kernel.port())
                && (want.ttl() == 0 || want.ttl() == kernel.ttl());
    }

    /** Zeros in the desired timeouts mean "leave the kernel's value". */
    private static boolean satisfied(Timeouts want, Timeouts kernel) {
        return (want.tcp() == 0 || want.tcp() == kernel.tcp()) && (want.tcpFin() == 0 || want.tcpFin() == kernel.tcpFin())
                && (want.udp() == 0 || want.udp() == kernel.udp());
    }

    private static void planSysctls(DesiredState desired, ObservedState observed, List<Operation> out) {
        for (String name : desired.sysctls().keySet().stream().sorted().toList()) {
            String want = normalize(desired.sysctls().get(name));
            String have = observed.sysctls().get(name);
            if (have == null || !normalize(have).equals(want)) {
                out.add(new SetSysctl(name, have == null ? null : normalize(have), want));
            }
        }
    }

    /** The kernel prints multi-value sysctls with tabs; compare them word by word. */
    private static String normalize(String value) {
        return String.join(" ", value.trim().split("\\s+"));
    }

    /** Whether planning {@code want} against what the kernel has can give anything to do or say. */
    private static boolean differs(DesiredService want, ObservedService have, Map<ServiceKey, UnreadService> unread) {
        if (have == null || unread.containsKey(want.key()) || !have.service().settings().equals(want.settings())
                || have.destinations().size() != want.destinations().size()) {
            return true;
        }
        for (DestinationKey d : want.destinations().keySet()) {
            if (destinationDiffers(want, have, d)) {
                return true;
            }
        }
        return false;
    }

    /** Whether real server {@code d} of {@code want} is missing from the kernel's copy or set otherwise. */
    private static boolean destinationDiffers(DesiredService want, ObservedService have, DestinationKey d) {
        Destination current = have.destinations().get(d);
        return current == null || !sameDestination(current.settings(), want.destinations().get(d));
    }

    private static void planDestinations(DesiredService want, ObservedService have, OwnedState owned, Instant now,
                                         List<Operation> upserts, List<Operation> removals,
                                         Map<Draining, Instant> draining, List<String> notPlanned) {
        ServiceKey svc = want.key();
        // Only what differs is sorted (into the plan's order): an idle pass sorts nothing.
        List<DestinationKey> differing = want.destinations().keySet().stream()
                .filter(d -> destinationDiffers(want, have, d)).toList();
        for (DestinationKey d : sortedKeys(differing)) {
            DestinationSettings target = want.destinations().get(d);
            Destination current = have.destinations().get(d);
            if (current == null) {
                add(upserts, notPlanned, () -> new IpvsOp.AddDestination(svc, d, target));
            } else if (!sameDestination(current.settings(), target)) {
                add(upserts, notPlanned, () -> new IpvsOp.EditDestination(svc, d, current.settings(), target, null));
            }
        }
        boolean immediate = isUdp(svc) || want.drainTimeout().isZero();
        for (DestinationKey d : sortedKeys(have.destinations().keySet().stream()
                .filter(d -> !want.destinations().containsKey(d)).toList())) {
            Destination current = have.destinations().get(d);
            Draining key = new Draining(svc, d);
            Instant since = owned.draining().getOrDefault(key, now);
            Duration elapsed = Duration.between(since, now);
            if (want.evicted().containsKey(d)) {
                removals.add(deleteDestination(svc, d, want.evicted().get(d)));
            } else if (immediate) {
                removals.add(deleteDestination(svc, d, null));
            } else if (current.activeConnections() == 0) {
                removals.add(deleteDestination(svc, d, "drained"));
            } else if (elapsed.compareTo(want.drainTimeout()) >= 0) {
                removals.add(deleteDestination(svc, d, "drain timeout, " + current.activeConnections() + " active connections cut"));
            } else {
                draining.put(key, since);
                if (current.settings().weight() != 0) {
                    DestinationSettings quiesced = withWeight(current.settings(), 0);
                    add(upserts, notPlanned, () -> new IpvsOp.EditDestination(svc, d, current.settings(), quiesced,
                            "draining, " + current.activeConnections() + " active connections"));
                }
            }
        }
    }

    private static IpvsChange deleteDestination(ServiceKey svc, DestinationKey d, String reason) {
        return new IpvsChange(new IpvsOp.DeleteDestination(svc, d, reason));
    }

    private static boolean isUdp(ServiceKey key) {
        return key instanceof AddressServiceKey a && a.protocol() == Protocol.UDP;
    }

    /** Tunnel settings matter only for the tunnel method; the kernel reports IPIP defaults for others. */
    static boolean sameDestination(DestinationSettings kernel, DestinationSettings want) {
        if (kernel.method() != want.method() || kernel.weight() != want.weight()
                || kernel.upperThreshold() != want.upperThreshold() || kernel.lowerThreshold() != want.lowerThreshold()) {
            return false;
        }
        if (want.method() != ForwardingMethod.TUNNEL) {
            return true;
        }
        Tunnel k = kernel.tunnel() == null ? Tunnel.IPIP : kernel.tunnel();
        Tunnel w = want.tunnel() == null ? Tunnel.IPIP : want.tunnel();
        return k.equals(w);
    }

    private static DestinationSettings withWeight(DestinationSettings s, int weight) {
        return new DestinationSettings(s.method(), weight, s.upperThreshold(), s.lowerThreshold(), s.tunnel());
    }

    private static <T> List<T> sorted(Collection<T> items, Function<T, ServiceKey> key) {
        return sortedByText(items, t -> key.apply(t).toString());
    }

    private static List<DestinationKey> sortedKeys(Collection<DestinationKey> keys) {
        return sortedByText(keys, DestinationKey::toString);
    }

    /**
     * In the order of their text, as plans list them, each text made once: a comparator calling
     * toString() formatted every address some thirty times a pass at 10,000 services.
     */
    private static <T> List<T> sortedByText(Collection<T> items, Function<T, String> text) {
        record Keyed<T>(String text, T item) {
        }
        List<Keyed<T>> keyed = new ArrayList<>(items.size());
        for (T item : items) {
            keyed.add(new Keyed<>(text.apply(item), item));
        }
        keyed.sort(Comparator.comparing(Keyed::text));
        List<T> out = new ArrayList<>(keyed.size());
        for (Keyed<T> k : keyed) {
            out.add(k.item());
        }
        return out;
    }
}
