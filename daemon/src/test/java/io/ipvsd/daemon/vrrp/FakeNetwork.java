package io.ipvsd.daemon.vrrp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Machines wired by a fake multicast segment and a fake clock: every advert goes through the
 * codec and the checks as a real one would, and is delivered without delay.
 */
final class FakeNetwork {
    /** One instance on one host; a host's instances can form a sync group. */
    final class Node {
        final String host;
        final InstanceSpec spec;
        MachineState state;
        boolean cabled = true;
        final List<Action> actions = new ArrayList<>();

        Node(String host, InstanceSpec spec) {
            this.host = host;
            this.spec = spec;
            this.state = VrrpMachine.initial(spec);
        }

        VrrpState vrrpState() {
            return state.state();
        }

        boolean holdsVips() {
            boolean held = false;
            for (Action a : actions) {
                if (a instanceof Action.AddVips) held = true;
                if (a instanceof Action.RemoveVips) held = false;
            }
            return held;
        }
    }

    record Transition(long at, String host, String instance, VrrpState to) {}

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> syncGroups = new LinkedHashMap<>(); // host -> member instance names
    private final Deque<Runnable> pending = new ArrayDeque<>();
    final List<Transition> transitions = new ArrayList<>();
    long now;

    FakeNetwork(long start) {
        now = start;
    }

    Node add(String host, InstanceSpec spec) {
        Node n = new Node(host, spec);
        nodes.put(host + "/" + spec.name(), n);
        return n;
    }

    void syncGroup(String host, String... members) {
        syncGroups.put(host, List.of(members));
    }

    Node node(String host, String instance) {
        return nodes.get(host + "/" + instance);
    }

    void send(Node n, Event e) {
        pending.add(() -> apply(n, e));
        drain();
    }

    /** Advances the clock to {@code until}, firing every deadline on the way in time order. */
    void runUntil(long until) {
        while (true) {
            Node due = null;
            long earliest = Long.MAX_VALUE;
            for (Node n : nodes.values()) {
                long d = VrrpMachine.nextDeadline(n.state);
                if (d < earliest) {
                    earliest = d;
                    due = n;
                }
            }
            if (due == null || earliest > until) break;
            now = earliest;
            send(due, new Event.TimerFired());
        }
        now = until;
    }

    /** Runs until the first transition of {@code instance} on {@code host} to {@code to}; returns its time. */
    long runUntilState(String host, String instance, VrrpState to, long limit) {
        int seen = transitions.size();
        while (now < limit) {
            long next = Long.MAX_VALUE;
            for (Node n : nodes.values()) next = Math.min(next, VrrpMachine.nextDeadline(n.state));
            runUntil(Math.min(next, limit));
            for (int i = seen; i < transitions.size(); i++) {
                Transition t = transitions.get(i);
                if (t.host().equals(host) && t.instance().equals(instance) && t.to() == to) return t.at();
            }
            seen = transitions.size();
        }
        throw new AssertionError(host + "/" + instance + " did not reach " + to + " before " + limit);
    }

    private void drain() {
        while (!pending.isEmpty()) pending.poll().run();
    }

    private void apply(Node n, Event e) {
        VrrpState before = n.state.state();
        Step step = VrrpMachine.step(n.spec, n.state, e, now);
        n.state = step.state();
        for (Action a : step.actions()) {
            n.actions.add(a);
            if (a instanceof Action.SendAdvert send && n.cabled) broadcast(n, send.priority());
        }
        VrrpState after = n.state.state();
        if (after != before) {
            transitions.add(new Transition(now, n.host, n.spec.name(), after));
            followSyncGroup(n, before, after);
        }
    }

    private void followSyncGroup(Node mover, VrrpState from, VrrpState to) {
        List<String> members = syncGroups.get(mover.host);
        if (members == null || !members.contains(mover.spec.name())) return;
        Map<String, SyncGroup.Member> status = new LinkedHashMap<>();
        for (String m : members) {
            Node n = node(mover.host, m);
            status.put(m, new SyncGroup.Member(n.state.state(), !n.state.faults().isEmpty()));
        }
        SyncGroup.follow(status, mover.spec.name(), from, to)
                .forEach((name, force) -> pending.add(() -> apply(node(mover.host, name), force)));
    }

    private void broadcast(Node from, int priority) {
        byte[] wire = AdvertCodec.encode(from.spec.advert(priority), from.spec.primaryAddress(), Fixtures.GROUP, false);
        for (Node to : nodes.values()) {
            if (to == from || !to.cabled || to.host.equals(from.host) || to.spec.vrid() != from.spec.vrid()) continue;
            Decoded decoded = AdvertCodec.decode(wire, from.spec.primaryAddress(), Fixtures.GROUP, false);
            if (!(decoded instanceof Decoded.Ok ok)) continue;
            if (AdvertCheck.check(to.spec, from.spec.primaryAddress(), Fixtures.GROUP, 255, ok.advert()).isPresent()) continue;
            pending.add(() -> apply(to, new Event.AdvertReceived(from.spec.primaryAddress(), ok.advert())));
        }
    }

    void startAll() {
        for (Node n : nodes.values()) send(n, new Event.Start(Set.of()));
    }
}
