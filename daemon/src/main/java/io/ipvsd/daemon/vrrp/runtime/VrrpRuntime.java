package io.ipvsd.daemon.vrrp.runtime;

import io.ipvsd.daemon.vrrp.Action;
import io.ipvsd.daemon.vrrp.AdvertCheck;
import io.ipvsd.daemon.vrrp.AdvertCodec;
import io.ipvsd.daemon.vrrp.Decoded;
import io.ipvsd.daemon.vrrp.DropReason;
import io.ipvsd.daemon.vrrp.Event;
import io.ipvsd.daemon.vrrp.Step;
import io.ipvsd.daemon.vrrp.SyncGroup;
import io.ipvsd.daemon.vrrp.VrrpMachine;
import io.ipvsd.daemon.vrrp.VrrpState;
import io.ipvsd.packet.MalformedPacket;
import io.ipvsd.packet.ReceivedPacket;
import io.ipvsd.rtnl.RtnlClient;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ipvsd's VRRP: one thread that owns every instance's state machine and sends their adverts, fed
 * by a queue (received adverts, link reports, tracked-service faults, reloads). It never waits
 * for a reconcile pass, a health check or a netlink call: addresses are added and removed by the
 * {@link AddressKeeper}'s thread, notify commands run on their own queues, and the queue is
 * polled with a timeout that ends at the earliest timer of any machine.
 */
public final class VrrpRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VrrpRuntime.class);
    private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(10);
    /** A master probes its IPv4 VIPs this often; the first probe follows its own announcements. */
    private static final long PROBE_EVERY_NANOS = 5_000_000_000L;
    private static final long FIRST_PROBE_NANOS = 1_000_000_000L;
    /** A conflict stays in the status this long after the last frame that showed it. */
    private static final long CONFLICT_SHOWN_NANOS = 30_000_000_000L;
    /** A claim is a conflict once the same node still makes it this long after its first frame (a probe later). */
    private static final long CONFLICT_CONFIRMED_NANOS = 4_000_000_000L;

    private final LinkedBlockingQueue<LoopMessage> queue = new LinkedBlockingQueue<>();
    private final RtnlClient rtnl;
    private final AddressKeeper keeper;
    private final LinkSockets linkSockets = new LinkSockets();
    private final ArpWatch arpWatch = new ArpWatch(claim -> queue.add(new LoopMessage.Claimed(claim)));
    private final Consumer<String> onTransition;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, NotifyQueue> notifyQueues = new HashMap<>();
    private final Map<String, VrrpState> groupStates = new HashMap<>();
    private final Thread loop;
    private VrrpSetup setup = new VrrpSetup(List.of(), List.of(), List.of());
    private Set<ManagedAddress> previouslyManaged = Set.of();
    private Map<String, LinkView> links = Map.of();
    private Map<String, Set<String>> serviceFaults = Map.of();
    private volatile List<InstanceStatus> status = List.of();
    private CountDownLatch stopRequested;

    /**
     * @param onTransition called on the loop thread with an instance's name after it changed state
     *                     (the daemon ticks so the IPVS sync daemon follows); must not block
     */
    private VrrpRuntime(RtnlClient rtnl, Consumer<String> onTransition) {
        this.rtnl = rtnl;
        this.onTransition = onTransition;
        this.keeper = new AddressKeeper(rtnl, views -> queue.add(new LoopMessage.Links(views)));
        this.loop = new Thread(this::run, "ipvsd-vrrp");
        loop.setDaemon(true); // close() stops it; a JVM that exits without close() must not wait for it
    }

    /** Opens rtnetlink in this process's network namespace and starts the threads. */
    public static VrrpRuntime start(VrrpSetup setup, Consumer<String> onTransition) throws IOException {
        VrrpRuntime runtime = new VrrpRuntime(RtnlClient.open(), onTransition);
        runtime.queue.add(new LoopMessage.Configure(setup));
        runtime.loop.start();
        runtime.keeper.start();
        return runtime;
    }

    /** A reload: unchanged instances keep their state; changed ones restart; removed ones stop (priority 0). */
    public void configure(VrrpSetup next) {
        queue.add(new LoopMessage.Configure(next));
    }

    /** Per instance name, why its tracked services cannot serve (empty or absent = they can). */
    public void serviceFaults(Map<String, Set<String>> faults) {
        queue.add(new LoopMessage.ServiceFaults(Map.copyOf(faults)));
    }

    public List<InstanceStatus> status() {
        return status;
    }

    /** Every managed address and whether it is on its interface now. */
    public Map<ManagedAddress, Boolean> addresses() {
        return keeper.presence();
    }

    /** The state of an instance by name, INIT when unknown. */
    public String stateOf(String instance) {
        return status.stream().filter(s -> s.name().equals(instance)).map(InstanceStatus::state).findFirst()
                .orElse(VrrpState.INIT.name());
    }

    private void run() {
        while (true) {
            long now = System.nanoTime();
            long next = Long.MAX_VALUE;
            for (Instance i : instances.values()) {
                if (i.machine != null) {
                    next = Math.min(next, Math.min(VrrpMachine.nextDeadline(i.machine), i.nextProbeAt));
                }
            }
            LoopMessage m;
            try {
                m = next == Long.MAX_VALUE ? queue.poll(1, TimeUnit.SECONDS)
                        : queue.poll(Math.max(0, next - now), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            try {
                while (m != null) {
                    if (m instanceof LoopMessage.Shutdown s) {
                        shutdown();
                        s.done().countDown();
                        return;
                    }
                    handle(m);
                    m = queue.poll();
                }
                fireTimers();
            } catch (RuntimeException e) {
                // A bug must not end VRRP: the VIPs would stay where they are with nobody advertising.
                LOG.error("VRRP loop: {}", e.toString(), e);
            }
            publish();
        }
    }

    private void handle(LoopMessage m) {
        if (m instanceof LoopMessage.Packet p) {
            received(p);
        } else if (m instanceof LoopMessage.Links l) {
            links = l.links();
            instances.values().forEach(this::refresh);
            watchArp();
        } else if (m instanceof LoopMessage.Claimed c) {
            claimed(c.claim());
        } else if (m instanceof LoopMessage.ServiceFaults f) {
            serviceFaults = f.faults();
            instances.values().forEach(this::refresh);
        } else if (m instanceof LoopMessage.Configure c) {
            configureNow(c.setup());
        }
    }

    private void fireTimers() {
        long now = System.nanoTime();
        for (Instance i : List.copyOf(instances.values())) {
            if (i.machine != null && VrrpMachine.nextDeadline(i.machine) <= now) {
                step(i, new Event.TimerFired(), now);
            }
            if (i.nextProbeAt <= now) {
                i.nextProbeAt = now + PROBE_EVERY_NANOS;
                vipsByDev(i).forEach((dev, vips) -> {
                    LinkView link = links.get(dev);
                    if (link != null) {
                        linkSockets.probe(link, vips);
                    }
                });
            }
        }
    }

    private void configureNow(VrrpSetup next) {
        Map<String, InstanceSettings> wanted = new LinkedHashMap<>();
        next.instances().forEach(s -> wanted.put(s.name(), s));
        for (Instance i : List.copyOf(instances.values())) {
            InstanceSettings s = wanted.get(i.name());
            if (s == null || !s.equals(i.settings)) {
                LOG.info("({}) {}", i.name(), s == null ? "removed from the configuration: stopping"
                        : "settings changed: restarting the instance");
                stopInstance(i);
                instances.remove(i.name());
            }
        }
        previouslyManaged = managed();
        setup = next;
        for (InstanceSettings s : next.instances()) {
            instances.computeIfAbsent(s.name(), n -> new Instance(s, notifyQueue(n)));
        }
        notifyQueues.keySet().removeIf(name -> {
            boolean gone = !wanted.containsKey(name) && next.groups().stream().noneMatch(g -> g.name().equals(name));
            if (gone) {
                notifyQueues.get(name).close(NOTIFY_TIMEOUT);
            }
            return gone;
        });
        instances.values().forEach(this::refresh);
        pushAddresses();
    }

    private NotifyQueue notifyQueue(String owner) {
        return notifyQueues.computeIfAbsent(owner, n -> new NotifyQueue(n, NOTIFY_TIMEOUT));
    }

    /** Link, address and fault changes: socket, spec, faults; the machine starts once its links are known. */
    private void refresh(Instance i) {
        InstanceSettings s = i.settings;
        if (!links.containsKey(s.interfaceName()) || !s.trackInterfaces().stream().allMatch(links::containsKey)) {
            return; // the keeper has not reported these interfaces yet
        }
        i.link = links.get(s.interfaceName());
        i.linkFaults = linkFaults(i);
        i.serviceFaults = serviceFaults.getOrDefault(s.name(), Set.of());
        i.ensureSocket(r -> queue.add(new LoopMessage.Packet(i, r)));
        i.spec = i.specFor(i.primaryAddress());
        long now = System.nanoTime();
        if (i.machine == null) {
            i.machine = VrrpMachine.initial(i.spec);
            i.faultsGiven = i.faults();
            step(i, new Event.Start(i.faultsGiven), now);
            return;
        }
        Set<String> faults = i.faults();
        if (!faults.equals(i.faultsGiven)) {
            i.faultsGiven = faults;
            if (!faults.isEmpty()) {
                LOG.warn("({}) fault: {}", i.name(), String.join("; ", faults));
            }
            step(i, new Event.FaultsChanged(faults), now);
        }
    }

    private Set<String> linkFaults(Instance i) {
        Set<String> faults = new HashSet<>();
        LinkView own = i.link;
        if (!own.exists()) {
            faults.add("interface " + own.name() + " does not exist");
        } else if (!own.up()) {
            faults.add("interface " + own.name() + " is down");
        } else if (i.primaryAddress() == null) {
            faults.add("interface " + own.name() + " has no " + (i.settings.ipv6() ? "IPv6 link-local" : "IPv4") + " address");
        }
        for (String tracked : i.settings.trackInterfaces()) {
            LinkView t = links.get(tracked);
            if (!t.exists()) {
                faults.add("tracked interface " + tracked + " does not exist");
            } else if (!t.up()) {
                faults.add("tracked interface " + tracked + " is down");
            }
        }
        return faults;
    }

    private void received(LoopMessage.Packet p) {
        Instance i = p.instance();
        if (instances.get(i.name()) != i || i.machine == null) {
            return; // from a socket of an instance that has since been replaced
        }
        long now = System.nanoTime();
        if (p.received() instanceof MalformedPacket bad) {
            i.drops.dropped(null, DropReason.MALFORMED, now);
            LOG.debug("({}) malformed packet: {}", i.name(), bad.reason());
            return;
        }
        ReceivedPacket r = (ReceivedPacket) p.received();
        byte[] payload = r.payload();
        if (payload.length >= 2 && (payload[1] & 0xff) != i.settings.vrid()) {
            return; // another VRID's advert: keepalived ignores these unless log_unknown_vrids
        }
        if (!i.settings.unicast() && !r.destination().equals(i.settings.group())) {
            return; // keepalived's multicast socket never sees unicast adverts
        }
        VrrpState state = i.state();
        if (state == VrrpState.FAULT || state == VrrpState.STOPPED || state == VrrpState.INIT) {
            return;
        }
        Decoded decoded = AdvertCodec.decode(payload, r.source(), r.destination(), i.settings.v3ChecksumAsV2());
        if (decoded instanceof Decoded.Dropped d) {
            drop(i, r.source(), d.reason(), "(" + i.name() + ") " + d.detail(), now);
            return;
        }
        var advert = ((Decoded.Ok) decoded).advert();
        var check = AdvertCheck.check(i.spec, r.source(), r.destination(), r.ttl(), advert);
        if (check.isPresent()) {
            drop(i, r.source(), check.get().reason(), check.get().line(), now);
            return;
        }
        i.advertsReceived++;
        step(i, new Event.AdvertReceived(r.source(), advert), now);
    }

    private static void drop(Instance i, InetAddress source, DropReason reason, String line, long now) {
        if (i.drops.dropped(source, reason, now)) {
            LOG.warn("{}", line);
        }
    }

    private void step(Instance i, Event event, long now) {
        VrrpState before = i.state();
        Step s = VrrpMachine.step(i.spec, i.machine, event, now);
        i.machine = s.state();
        for (Action a : s.actions()) {
            execute(i, a);
        }
        if (i.state() != before) {
            i.since = Instant.now();
            i.conflicts.clear();
            i.nextProbeAt = i.state() == VrrpState.MASTER ? now + FIRST_PROBE_NANOS : Long.MAX_VALUE;
            followGroup(i, before, now);
            publish(); // the daemon's pass that follows reads the new state from it
            onTransition.accept(i.name());
        }
    }

    private void execute(Instance i, Action a) {
        if (a instanceof Action.SendAdvert send) {
            i.sendAdvert(send.priority());
        } else if (a instanceof Action.AddVips || a instanceof Action.RemoveVips) {
            pushAddresses();
        } else if (a instanceof Action.SendGratuitous) {
            announce(i);
        } else if (a instanceof Action.Notify n) {
            String state = n.state() == VrrpState.STOPPED ? "STOP" : n.state().name();
            List<List<String>> commands = new ArrayList<>();
            commands.add(notifyFor(i.settings.notifyCommands(), n.state()));
            if (!i.settings.notifyCommands().any().isEmpty()) {
                List<String> any = new ArrayList<>(i.settings.notifyCommands().any());
                any.addAll(List.of("INSTANCE", i.name(), state, Integer.toString(n.priority())));
                commands.add(any);
            }
            i.notify.submit(state, commands);
        } else if (a instanceof Action.Log log) {
            if (log.level() == Action.Level.WARN) {
                LOG.warn("{}", log.line());
            } else {
                LOG.info("{}", log.line());
            }
        }
    }

    private static List<String> notifyFor(io.ipvsd.daemon.config.VrrpNotify notify, VrrpState state) {
        return switch (state) {
            case MASTER -> notify.master();
            case BACKUP -> notify.backup();
            case FAULT -> notify.fault();
            case STOPPED -> notify.stop();
            default -> List.of();
        };
    }

    private static Map<String, List<InetAddress>> vipsByDev(Instance i) {
        Map<String, List<InetAddress>> byDev = new TreeMap<>();
        for (ManagedAddress vip : i.settings.vips()) {
            byDev.computeIfAbsent(vip.dev(), d -> new ArrayList<>()).add(vip.address());
        }
        return byDev;
    }

    /** ARP is watched on every interface with an IPv4 VIP, for every IPv4 VIP. */
    private void watchArp() {
        Map<String, LinkView> watchedLinks = new HashMap<>();
        Set<InetAddress> vips = new HashSet<>();
        for (InstanceSettings s : setup.instances()) {
            for (ManagedAddress vip : s.vips()) {
                if (vip.address().getAddress().length == 4 && links.containsKey(vip.dev())) {
                    watchedLinks.put(vip.dev(), links.get(vip.dev()));
                    vips.add(vip.address());
                }
            }
        }
        arpWatch.watch(watchedLinks, vips);
    }

    private void claimed(ArpWatch.Claim claim) {
        long now = System.nanoTime();
        for (Instance i : instances.values()) {
            if (i.state() != VrrpState.MASTER || i.settings.vips().stream().noneMatch(v -> v.address().equals(claim.vip()))) {
                continue;
            }
            Instance.Conflict before = i.conflicts.get(claim.vip());
            Instance.Conflict after = before == null || !before.mac().equals(claim.mac())
                    || now - before.lastSeenAt() > CONFLICT_SHOWN_NANOS
                    ? new Instance.Conflict(claim.mac(), now, now) : before.seenAgain(now);
            i.conflicts.put(claim.vip(), after);
            if (after.confirmed(CONFLICT_CONFIRMED_NANOS) && (before == null || !before.confirmed(CONFLICT_CONFIRMED_NANOS))) {
                LOG.warn("({}) {} is also held by {} (ARP on {}): another node is master too; its adverts do not reach"
                        + " this node (multicast filtered? use unicast_peer)", i.name(), claim.vip().getHostAddress(),
                        claim.mac(), claim.dev());
            }
        }
    }

    private void announce(Instance i) {
        vipsByDev(i).forEach((dev, vips) -> {
            LinkView link = links.get(dev);
            if (link == null) {
                link = dev.equals(i.settings.interfaceName()) ? i.link : null;
            }
            if (link != null) {
                linkSockets.announce(link, vips, i.settings.garpRepeat());
            }
        });
    }

    /** Sync groups (keepalived's vrrp_sync_group): one member's transition moves the others. */
    private void followGroup(Instance changed, VrrpState before, long now) {
        for (VrrpSetup.Group g : setup.groups()) {
            if (!g.members().contains(changed.name())) {
                continue;
            }
            Map<String, SyncGroup.Member> members = new LinkedHashMap<>();
            for (String name : g.members()) {
                Instance m = instances.get(name);
                if (m != null) {
                    members.put(name, new SyncGroup.Member(m.state(), !m.faults().isEmpty()));
                }
            }
            SyncGroup.follow(members, changed.name(), before, changed.state()).forEach((name, force) -> {
                Instance other = instances.get(name);
                if (other != null && other.machine != null && other.state() != force.target()) {
                    step(other, force, now);
                }
            });
            groupNotify(g);
        }
    }

    private void groupNotify(VrrpSetup.Group g) {
        VrrpState common = null;
        for (String member : g.members()) {
            Instance i = instances.get(member);
            VrrpState s = i == null ? null : i.state();
            if (common == null) {
                common = s;
            } else if (common != s) {
                return; // still moving
            }
        }
        if (common == null || common == groupStates.get(g.name())) {
            return;
        }
        groupStates.put(g.name(), common);
        LOG.info("VRRP_Group({}) Syncing instances to {} state", g.name(), common);
        String state = common == VrrpState.STOPPED ? "STOP" : common.name();
        List<List<String>> commands = new ArrayList<>();
        commands.add(notifyFor(g.notifyCommands(), common));
        if (!g.notifyCommands().any().isEmpty()) {
            List<String> any = new ArrayList<>(g.notifyCommands().any());
            any.addAll(List.of("GROUP", g.name(), state));
            commands.add(any);
        }
        notifyQueue(g.name()).submit(state, commands);
    }

    /** Every address ipvsd manages: static ones, and every VIP of every instance. */
    private Set<ManagedAddress> managed() {
        Set<ManagedAddress> all = new HashSet<>(setup.staticAddresses());
        setup.instances().forEach(s -> all.addAll(s.vips()));
        return all;
    }

    /** Static addresses always; an instance's VIPs while it is MASTER. */
    private Set<ManagedAddress> wanted() {
        Set<ManagedAddress> want = new HashSet<>(setup.staticAddresses());
        for (Instance i : instances.values()) {
            if (i.state() == VrrpState.MASTER) {
                want.addAll(i.settings.vips());
            }
        }
        return want;
    }

    private void pushAddresses() {
        Set<String> ifs = new HashSet<>();
        for (InstanceSettings s : setup.instances()) {
            ifs.add(s.interfaceName());
            ifs.addAll(s.trackInterfaces());
            s.vips().forEach(v -> ifs.add(v.dev()));
        }
        setup.staticAddresses().forEach(a -> ifs.add(a.dev()));
        // Addresses dropped from the file by a reload are removed once, then forgotten.
        Set<ManagedAddress> all = new HashSet<>(managed());
        all.addAll(previouslyManaged);
        keeper.want(ifs, all, wanted());
    }

    private void stopInstance(Instance i) {
        if (i.machine != null) {
            step(i, new Event.Stop(), System.nanoTime());
        }
        i.closeSocket();
    }

    private void publish() {
        List<InstanceStatus> out = new ArrayList<>();
        long now = System.nanoTime();
        for (Instance i : instances.values()) {
            VrrpState state = i.state();
            Map<String, Long> dropped = new TreeMap<>();
            i.drops.counts().forEach((reason, n) -> dropped.put(reason.name().toLowerCase(Locale.ROOT), n));
            InetAddress master = state == VrrpState.MASTER ? i.primaryAddress()
                    : i.machine == null ? null : i.machine.masterAddress();
            out.add(new InstanceStatus(i.name(), i.settings.interfaceName(), i.settings.vrid(), i.settings.version(),
                    state.name(), i.settings.priority(), effectivePriority(i),
                    master == null ? null : master.getHostAddress(), i.since, List.copyOf(i.faults()), i.advertsSent,
                    i.advertsReceived, dropped, warnings(i, now)));
        }
        status = List.copyOf(out);
    }

    private static List<String> warnings(Instance i, long now) {
        List<String> out = new ArrayList<>(i.drops.warnings(i.settings.vrid(), i.settings.interfaceName(), now));
        i.conflicts.forEach((vip, c) -> {
            if (c.confirmed(CONFLICT_CONFIRMED_NANOS) && now - c.lastSeenAt() <= CONFLICT_SHOWN_NANOS) {
                out.add(vip.getHostAddress() + " is also held by " + c.mac() + ": another node is master of VRID "
                        + i.settings.vrid() + " too and its adverts do not reach this node (multicast filtered?)");
            }
        });
        return out;
    }

    private static int effectivePriority(Instance i) {
        if (i.machine == null || i.state() == VrrpState.FAULT || i.state() == VrrpState.STOPPED) {
            return 0;
        }
        return i.machine.effectivePriority();
    }

    /** Graceful stop: every master sends priority 0 and gives up its VIPs; static addresses stay. */
    private void shutdown() {
        for (Instance i : instances.values()) {
            stopInstance(i);
        }
        publish();
        keeper.close();
        Set<ManagedAddress> all = new HashSet<>(managed());
        all.addAll(previouslyManaged);
        Set<String> none = Set.of();
        try {
            keeper.pass(none, all, new HashSet<>(setup.staticAddresses()));
        } catch (IOException | RuntimeException e) {
            LOG.error("removing the VIPs at stop failed: {}", e.getMessage());
        }
        linkSockets.close();
        arpWatch.close();
        notifyQueues.values().forEach(q -> q.close(NOTIFY_TIMEOUT));
    }

    /**
     * Starts the graceful stop without waiting for it (from a signal handler: the peer should not
     * wait for the daemon's current reconcile pass to take over).
     */
    public void requestStop() {
        synchronized (this) {
            if (stopRequested != null) {
                return;
            }
            stopRequested = new CountDownLatch(1);
        }
        queue.add(new LoopMessage.Shutdown(stopRequested));
    }

    /** Stops every instance (priority 0, VIPs removed, notify_stop run) and releases everything. */
    @Override
    public void close() {
        requestStop();
        try {
            if (!stopRequested.await(NOTIFY_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
                LOG.warn("VRRP did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rtnl.close();
    }
}
