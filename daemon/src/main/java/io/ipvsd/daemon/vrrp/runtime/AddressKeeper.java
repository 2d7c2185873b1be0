package io.ipvsd.daemon.vrrp.runtime;

import io.ipvsd.rtnl.InterfaceAddress;
import io.ipvsd.rtnl.Link;
import io.ipvsd.rtnl.RtnlClient;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the managed addresses on their interfaces and watches the interfaces, on a thread of its
 * own so that no netlink call ever delays an advert. Every {@link #PERIOD_MS} (and at once when
 * the wanted set changes) it reads the links and addresses back: a wanted address that is missing
 * (deleted by hand, lost with a link) is added, a managed one that is not wanted (a VIP left by a
 * crash while this node is not master) is deleted. Addresses ipvsd does not manage are never
 * touched.
 */
final class AddressKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AddressKeeper.class);
    static final long PERIOD_MS = 500;

    private final RtnlClient rtnl;
    private final Consumer<Map<String, LinkView>> linkListener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private Set<String> interfaces = Set.of();
    private Set<ManagedAddress> managed = Set.of();
    private Set<ManagedAddress> wanted = Set.of();
    private boolean dirty;
    private volatile boolean closed;
    private volatile Map<ManagedAddress, Boolean> presence = Map.of();
    private Map<String, LinkView> lastLinks = Map.of();
    private String lastError;

    AddressKeeper(RtnlClient rtnl, Consumer<Map<String, LinkView>> linkListener) {
        this.rtnl = rtnl;
        this.linkListener = linkListener;
        this.thread = new Thread(this::run, "ipvsd-vrrp-addresses");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * @param interfaces the interfaces to report on (instances' and tracked ones)
     * @param managed    every address ipvsd manages; only these are ever added or deleted
     * @param wanted     those that must be present now (a subset of managed)
     */
    void want(Set<String> interfaces, Set<ManagedAddress> managed, Set<ManagedAddress> wanted) {
        lock.lock();
        try {
            this.interfaces = Set.copyOf(interfaces);
            this.managed = Set.copyOf(managed);
            this.wanted = Set.copyOf(wanted);
            dirty = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether each managed address was on its interface at the last reading. */
    Map<ManagedAddress, Boolean> presence() {
        return presence;
    }

    private void run() {
        while (!closed) {
            Set<String> ifs;
            Set<ManagedAddress> all;
            Set<ManagedAddress> want;
            lock.lock();
            try {
                if (!dirty) {
                    wake.await(PERIOD_MS, TimeUnit.MILLISECONDS);
                }
                dirty = false;
                ifs = interfaces;
                all = managed;
                want = wanted;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (closed) {
                return;
            }
            try {
                pass(ifs, all, want);
                lastError = null;
            } catch (IOException | RuntimeException e) {
                // Logged once per distinct error: it repeats every pass while it lasts.
                String error = e.toString();
                if (!error.equals(lastError)) {
                    LOG.error("reading or changing interface addresses failed: {}", e.getMessage());
                }
                lastError = error;
            }
        }
    }

    /** One reading and correction; also called directly (on the caller's thread) at stop. */
    void pass(Set<String> ifs, Set<ManagedAddress> all, Set<ManagedAddress> want) throws IOException {
        List<Link> links = rtnl.links();
        List<InterfaceAddress> addresses = rtnl.addresses();
        Map<String, Integer> indexByName = new HashMap<>();
        links.forEach(l -> indexByName.put(l.name(), l.index()));
        Set<String> present = new HashSet<>();
        for (InterfaceAddress a : addresses) {
            present.add(a.ifindex() + " " + a.address().getHostAddress() + "/" + a.prefixLength());
        }
        Map<ManagedAddress, Boolean> seen = new HashMap<>();
        for (ManagedAddress m : all) {
            Integer index = indexByName.get(m.dev());
            boolean there = index != null && present.contains(index + " " + m.cidr());
            boolean needed = want.contains(m);
            if (index != null && there != needed) {
                InterfaceAddress a = new InterfaceAddress(index, m.address(), m.prefixLength(),
                        m.address() instanceof Inet4Address ? m.label() : null);
                if (needed) {
                    rtnl.addAddress(a);
                    LOG.info("{}added {} to {}{}", prefix(m), m.cidr(), m.dev(), m.label() == null ? "" : " label " + m.label());
                } else {
                    rtnl.deleteAddress(a);
                    LOG.info("{}removed {} from {}", prefix(m), m.cidr(), m.dev());
                }
                there = needed;
            }
            seen.put(m, there);
        }
        presence = Map.copyOf(seen);
        Map<String, LinkView> views = views(ifs, links, addresses, all);
        if (!views.equals(lastLinks)) {
            lastLinks = views;
            linkListener.accept(views);
        }
    }

    private static String prefix(ManagedAddress m) {
        return m.owner() == null ? "" : "(" + m.owner() + ") ";
    }

    private static Map<String, LinkView> views(Set<String> ifs, List<Link> links, List<InterfaceAddress> addresses,
                                               Set<ManagedAddress> managed) {
        Set<InetAddress> vips = new HashSet<>();
        managed.forEach(m -> vips.add(m.address()));
        Map<String, LinkView> out = new HashMap<>();
        for (String name : ifs) {
            Link link = links.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
            if (link == null) {
                out.put(name, LinkView.missing(name));
                continue;
            }
            InetAddress v4 = null;
            InetAddress v6 = null;
            for (InterfaceAddress a : addresses) {
                if (a.ifindex() != link.index() || vips.contains(a.address())) {
                    continue;
                }
                if (v4 == null && a.address() instanceof Inet4Address) {
                    v4 = a.address();
                } else if (v6 == null && a.address() instanceof Inet6Address && a.address().isLinkLocalAddress()) {
                    v6 = a.address();
                }
            }
            out.put(name, new LinkView(name, link.index(), link.mac(), link.up(), v4, v6));
        }
        return Map.copyOf(out);
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
