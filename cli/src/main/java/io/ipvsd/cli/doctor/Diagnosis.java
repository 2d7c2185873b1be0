package io.ipvsd.cli.doctor;

import io.ipvsd.cli.doctor.Facts.DaemonView;
import io.ipvsd.cli.doctor.Facts.Health;
import io.ipvsd.cli.doctor.Facts.LocalAddress;
import io.ipvsd.cli.doctor.Facts.Vrrp;
import io.ipvsd.daemon.config.AddressKey;
import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.Family;
import io.ipvsd.daemon.config.FwmarkKey;
import io.ipvsd.daemon.config.MarkRuleConfig;
import io.ipvsd.daemon.config.Method;
import io.ipvsd.daemon.config.RealServerConfig;
import io.ipvsd.daemon.config.VirtualAddressConfig;
import io.ipvsd.daemon.config.VirtualServiceConfig;
import io.ipvsd.daemon.config.VrrpInstanceConfig;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks: facts in, findings out, no I/O. Each check is one method; each finding names its
 * subject, what is wrong and what to do.
 */
final class Diagnosis {
    static final String IP_FORWARD = "net.ipv4.ip_forward";
    static final String IPV6_FORWARDING = "net.ipv6.conf.all.forwarding";
    static final String VS_CONNTRACK = "net.ipv4.vs.conntrack";

    private Diagnosis() {
    }

    static List<Finding> of(Facts facts) {
        List<Finding> out = new ArrayList<>();
        facts.unread().forEach((part, why) -> out.add(Finding.notChecked(part, why)));
        Config config = facts.config();
        if (config != null) {
            if (facts.addresses() != null) {
                virtualAddresses(config, facts, out);
                directRoutingLocalServers(config, facts, out);
                rpFilter(config, facts, out);
            }
            forwarding(config, facts, out);
            conntrack(config, facts, out);
            if (facts.markPackets() != null) {
                markCounters(config, facts, out);
            }
            if (facts.vrrpDrops() != null && !config.vrrpInstances().isEmpty()) {
                facts.vrrpDrops().forEach(r -> out.add(Finding.problem("firewall rule " + r.where(),
                        "drops IP protocol 112 (VRRP): this node hears no adverts and becomes MASTER beside the peer",
                        "accept protocol 112 from the peer before that rule (nft insert rule ... ip protocol vrrp accept)")));
            }
        }
        if (facts.daemon() != null) {
            health(facts.daemon(), out);
            vrrp(facts.daemon(), out);
        }
        return out;
    }

    /** Addresses the file says must be local: static ones always, VRRP ones while MASTER, service VIPs. */
    static void virtualAddresses(Config config, Facts facts, List<Finding> out) {
        Set<InetAddress> local = facts.addresses().stream().map(LocalAddress::address).collect(Collectors.toSet());
        Set<InetAddress> declared = new HashSet<>();
        for (VirtualAddressConfig a : config.staticAddresses()) {
            declared.add(a.address());
            Optional<LocalAddress> on = on(facts, a.address());
            if (on.isEmpty()) {
                out.add(Finding.problem("static address " + a.address().getHostAddress() + " on " + a.dev(),
                        "is on no interface", "the daemon puts it back within a pass: is ipvsd running (ipvsctl status)? is "
                                + a.dev() + " there?"));
            }
        }
        for (VrrpInstanceConfig v : config.vrrpInstances()) {
            Vrrp status = facts.daemon() == null ? null
                    : facts.daemon().vrrp().stream().filter(s -> s.name().equals(v.name())).findFirst().orElse(null);
            for (VirtualAddressConfig a : v.virtualAddresses()) {
                declared.add(a.address());
                if (status == null) {
                    continue; // said once as "daemon" not checked
                }
                boolean present = local.contains(a.address());
                if (status.state().equals("MASTER") && !present) {
                    out.add(Finding.problem("VRRP instance " + v.name() + " (MASTER) address " + a.address().getHostAddress(),
                            "is on no interface: clients reach nobody", "look for who deleted it (ip monitor address); "
                                    + "ipvsd adds it back on its next pass or transition"));
                } else if (!status.state().equals("MASTER") && present) {
                    out.add(Finding.problem("VRRP instance " + v.name() + " (" + status.state() + ") address "
                            + a.address().getHostAddress(), "is on " + on(facts, a.address()).get().dev()
                            + " though this node is not MASTER: the master holds it too",
                            "remove it (ip address del) or find what added it"));
                }
            }
        }
        Set<InetAddress> named = new HashSet<>();
        for (VirtualServiceConfig s : config.services()) {
            if (s.key() instanceof AddressKey k && !declared.contains(k.address()) && !local.contains(k.address())
                    && !k.address().isAnyLocalAddress() && named.add(k.address())) {
                out.add(Finding.problem("service " + s.key(), "its address " + k.address().getHostAddress()
                                + " is on no interface: IPVS only takes packets addressed to this host",
                        "add it as a [[static_ipaddress]], or to a [[vrrp_instance]]'s virtual_ipaddress"));
            }
        }
    }

    static void forwarding(Config config, Facts facts, List<Finding> out) {
        for (Family family : Family.values()) {
            String sysctl = family == Family.IPV4 ? IP_FORWARD : IPV6_FORWARDING;
            List<VirtualServiceConfig> nat = config.services().stream()
                    .filter(s -> s.key().family() == family && s.reals().stream().anyMatch(r -> r.method() == Method.NAT))
                    .toList();
            String value = facts.sysctls().get(sysctl);
            if (!nat.isEmpty() && value != null && !value.equals("1")) {
                out.add(Finding.problem("NAT service " + nat.get(0).key() + more(nat.size()), sysctl + " is " + value
                                + ": replies from real servers will not be forwarded",
                        "set it in [sysctl] (" + sysctl + " = 1)"));
            }
        }
    }

    static void conntrack(Config config, Facts facts, List<Finding> out) {
        String value = facts.sysctls().get(VS_CONNTRACK);
        config.masquerades().stream().filter(m -> m.ipvsOnly()).findFirst().ifPresent(m -> {
            if (value != null && !value.equals("1")) {
                out.add(Finding.problem("[[masquerade]] with ipvs_only at line " + m.pos().line(), VS_CONNTRACK + " is " + value
                                + ": IPVS connections get no conntrack entry, so the rule never matches their replies",
                        "set it in [sysctl] (" + VS_CONNTRACK + " = 1)"));
            }
        });
    }

    /**
     * Strict reverse-path filtering (1, the highest of conf/all and conf/DEV) on the interface a
     * NAT real server is reached through drops its replies whenever they arrive on another
     * interface than the route back to it uses (a second uplink, policy routing); loose mode (2)
     * keeps the spoofing protection without that.
     */
    static void rpFilter(Config config, Facts facts, List<Finding> out) {
        Set<String> said = new HashSet<>();
        for (VirtualServiceConfig s : config.services()) {
            for (RealServerConfig r : s.reals()) {
                if (r.method() != Method.NAT || s.key().family() != Family.IPV4) {
                    continue;
                }
                String dev = connectedDev(facts, r.address()).orElse(null);
                String all = facts.sysctls().get("net.ipv4.conf.all.rp_filter");
                String own = dev == null ? null : facts.sysctls().get("net.ipv4.conf." + dev + ".rp_filter");
                String strict = "1".equals(all) ? "net.ipv4.conf.all.rp_filter" : "1".equals(own) ? "net.ipv4.conf." + dev + ".rp_filter" : null;
                if (strict != null && said.add(strict)) {
                    out.add(Finding.problem("NAT service " + s.key() + " real server " + r.address().getHostAddress()
                                    + (dev == null ? "" : " (on " + dev + ")"),
                            strict + " is 1 (strict): its replies are dropped when they arrive on another interface than the"
                                    + " route back to it uses",
                            "set " + strict + " = 2 (loose) in [sysctl]"));
                }
            }
        }
    }

    /** A [[mark]] rule that counted no packet at all while its service has real servers. */
    static void markCounters(Config config, Facts facts, List<Finding> out) {
        Map<Long, Integer> perMark = new HashMap<>();
        for (MarkRuleConfig m : config.marks()) {
            int n = perMark.merge(m.fwmark(), 1, Integer::sum);
            String name = markRuleName(m.fwmark(), n);
            Long packets = facts.markPackets().get(name);
            boolean hasReals = config.services().stream()
                    .anyMatch(s -> s.key() instanceof FwmarkKey k && k.fwmark() == m.fwmark() && !s.reals().isEmpty());
            if (packets == null || packets != 0 || !facts.markUnmoved().contains(name) || !hasReals) {
                continue;
            }
            long connections = facts.fwmarkConnections() == null ? 0 : facts.fwmarkConnections().getOrDefault(m.fwmark(), 0L);
            String problem = connections > 0
                    ? "its nft counter is 0 while the service counted " + connections + " connections: they are marked elsewhere"
                    : "its nft counter stayed at 0 while the service has real servers: no packet matches it";
            out.add(Finding.problem("[[mark]] fwmark " + m.fwmark() + " at line " + m.pos().line() + " (rule " + name + ")",
                    problem, "compare its address, protocol, ports and in_interface with the traffic (nft list table inet ipvsd)"));
        }
    }

    /** The name ipvsd's ruleset gives the n-th [[mark]] rule of a mark (FirewallRules). */
    static String markRuleName(long fwmark, int n) {
        return "fwmark" + fwmark + (n == 1 ? "" : "_" + n);
    }

    /**
     * Direct-routing real servers on this host hold the VIP themselves; unless the host ignores
     * ARP requests for addresses not on the asking interface (arp_ignore 1) and announces only
     * its interface's own address (arp_announce 2), it answers ARP for the VIP and steals traffic.
     */
    static void directRoutingLocalServers(Config config, Facts facts, List<Finding> out) {
        Set<String> said = new HashSet<>();
        for (VirtualServiceConfig s : config.services()) {
            for (RealServerConfig r : s.reals()) {
                Optional<LocalAddress> local = on(facts, r.address());
                if (r.method() != Method.DR || local.isEmpty() || !(r.address() instanceof Inet4Address)) {
                    continue;
                }
                String dev = local.get().dev();
                arpSysctl(facts, "arp_ignore", 1, dev, s, r, said, out);
                arpSysctl(facts, "arp_announce", 2, dev, s, r, said, out);
            }
        }
    }

    private static void arpSysctl(Facts facts, String name, int needed, String dev, VirtualServiceConfig s,
                                  RealServerConfig r, Set<String> said, List<Finding> out) {
        String all = facts.sysctls().get("net.ipv4.conf.all." + name);
        String own = facts.sysctls().get("net.ipv4.conf." + dev + "." + name);
        if (all == null && own == null) {
            return;
        }
        int effective = Math.max(parse(all), parse(own)); // the kernel uses the higher of the two
        if (effective < needed && said.add(name + " " + dev)) {
            out.add(Finding.problem("DR service " + s.key() + " real server " + r.address().getHostAddress() + " (local, on " + dev + ")",
                    "net.ipv4.conf." + dev + "." + name + " is " + effective + " (the higher of all and " + dev
                            + "): this host answers ARP for the VIP and takes the director's traffic",
                    "set net.ipv4.conf.all." + name + " = " + needed + " (and on " + dev + ")"));
        }
    }

    static void health(DaemonView daemon, List<Finding> out) {
        Map<String, List<Health>> byService = new LinkedHashMap<>();
        for (Health h : daemon.health()) {
            byService.computeIfAbsent(h.service(), k -> new ArrayList<>()).add(h);
            if (!h.up()) {
                out.add(Finding.problem("service " + h.service() + " real server " + h.realServer(),
                        "is down" + (h.reason() == null || h.reason().isEmpty() ? "" : " (" + h.reason() + ")"),
                        "check the server and its health check (ipvsctl status)"));
            }
        }
        byService.forEach((service, servers) -> {
            if (servers.stream().noneMatch(Health::up)) {
                out.add(Finding.problem("service " + service, "no real server is up: clients are refused (or get the sorry server)",
                        "bring a real server back (see the lines above)"));
            }
        });
    }

    static void vrrp(DaemonView daemon, List<Finding> out) {
        for (Vrrp v : daemon.vrrp()) {
            String subject = "VRRP instance " + v.name() + " (VRID " + v.vrid() + " on " + v.dev() + ", " + v.state() + ")";
            if (v.state().equals("FAULT")) {
                out.add(Finding.problem(subject, "is in FAULT" + (v.faults().isEmpty() ? "" : ": " + String.join(", ", v.faults())),
                        "fix the tracked interface or service it names"));
            }
            if (!v.dropped().isEmpty()) {
                String counts = v.dropped().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
                out.add(Finding.problem(subject, "adverts rejected: " + counts,
                        "make the peers' settings match (authentication, advert_int, virtual_ipaddress, unicast_peer); "
                                + "the daemon's log names the sender"));
            }
            for (String w : v.warnings()) {
                out.add(Finding.problem(subject, w, w.contains("also held by")
                        ? "both nodes are MASTER: let the adverts through (IP protocol 112, multicast 224.0.0.18) or use unicast_peer"
                        : "make the sender's settings match this instance's, or keep it off this link"));
            }
        }
    }

    private static Optional<LocalAddress> on(Facts facts, InetAddress address) {
        return facts.addresses().stream().filter(a -> a.address().equals(address)).findFirst();
    }

    /** The interface whose own subnet contains {@code address} (the longest match), if any. */
    static Optional<String> connectedDev(Facts facts, InetAddress address) {
        LocalAddress best = null;
        for (LocalAddress a : facts.addresses()) {
            if (a.address().getClass() == address.getClass() && inSubnet(address, a.address(), a.prefixLength())
                    && (best == null || a.prefixLength() > best.prefixLength())) {
                best = a;
            }
        }
        return Optional.ofNullable(best).map(LocalAddress::dev);
    }

    private static boolean inSubnet(InetAddress address, InetAddress network, int prefixLength) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static int parse(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String more(int count) {
        return count == 1 ? "" : " (and " + (count - 1) + " more)";
    }
}
