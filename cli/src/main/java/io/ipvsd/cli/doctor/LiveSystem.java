package io.ipvsd.cli.doctor;

import io.ipvsd.cli.doctor.Facts.DaemonView;
import io.ipvsd.cli.doctor.Facts.ForeignRule;
import io.ipvsd.cli.doctor.Facts.LocalAddress;
import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.DaemonSettings;
import io.ipvsd.daemon.config.LoadResult;
import io.ipvsd.daemon.control.ControlClient;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.Service;
import io.ipvsd.netlink.jnr.Netns;
import io.ipvsd.nft.ListedRule;
import io.ipvsd.nft.NftClient;
import io.ipvsd.nft.NftRuleset;
import io.ipvsd.nft.RuleCounters;
import io.ipvsd.rtnl.InterfaceAddress;
import io.ipvsd.rtnl.Link;
import io.ipvsd.rtnl.RtnlClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers {@link Facts} from the running system, reading only: the config file, the daemon's
 * status over its control socket, addresses (rtnetlink), sysctls (/proc/sys), IPVS (generic
 * netlink) and nf_tables (the counters of ipvsd's table, and every table's rules for drops of
 * VRRP). Each part that cannot be read is recorded as unread instead of failing the whole run.
 */
final class LiveSystem {
    private static final long STATUS_TIMEOUT_MS = 5_000;

    private final Path netns;
    private final Duration counterWait;

    /**
     * @param netns       the network namespace to look at, or null for this process's
     * @param counterWait time between the two reads of the [[mark]] counters
     */
    LiveSystem(Path netns, Duration counterWait) {
        this.netns = netns;
        this.counterWait = counterWait;
    }

    Facts gather(Path configFile, Path socket) throws IOException {
        Map<String, String> unread = new LinkedHashMap<>();
        Config config = configFile == null ? null : load(configFile, unread);
        Path socketPath = socket != null ? socket
                : config != null ? config.daemon().controlSocket() : DaemonSettings.DEFAULT_CONTROL_SOCKET;
        DaemonView daemon = null;
        try {
            daemon = DaemonStatus.parse(ControlClient.request(socketPath, "status", STATUS_TIMEOUT_MS));
        } catch (IOException e) {
            unread.put("daemon", "no status from " + socketPath + " (" + e.getMessage()
                    + "): real server health and VRRP state were not checked");
        }
        if (config == null && configFile == null && daemon != null && daemon.configPath() != null) {
            config = load(Path.of(daemon.configPath()), unread);
        } else if (configFile == null && daemon == null) {
            unread.put("config", "no --config and no daemon to ask for its file: the checks of the file's services,"
                    + " addresses and rules were not run");
        }
        List<LocalAddress> addresses = null;
        try (RtnlClient rtnl = netns == null ? RtnlClient.open() : RtnlClient.openIn(netns)) {
            addresses = addresses(rtnl);
        } catch (IOException e) {
            unread.put("addresses", "cannot list interface addresses: " + e.getMessage());
        }
        // IPVS first: opening its netlink family loads ip_vs, whose sysctls (vs.conntrack) exist only then.
        Map<Long, Long> fwmarkConnections = null;
        try (IpvsClient ipvs = netns == null ? IpvsClient.open() : IpvsClient.open(netns)) {
            fwmarkConnections = fwmarkConnections(ipvs);
        } catch (IOException e) {
            unread.put("ipvs", "cannot read the IPVS table: " + e.getMessage());
        }
        Map<String, String> sysctls = sysctls(addresses);
        Map<String, Long> markPackets = null;
        List<String> markUnmoved = new ArrayList<>();
        List<ForeignRule> vrrpDrops = null;
        try (NftClient nft = netns == null ? NftClient.open() : NftClient.open(netns)) {
            if (config != null && !config.marks().isEmpty()) {
                Map<String, Long> first = packets(nft.counters(NftRuleset.DEFAULT_TABLE));
                sleep(counterWait);
                markPackets = packets(nft.counters(NftRuleset.DEFAULT_TABLE));
                for (Map.Entry<String, Long> e : markPackets.entrySet()) {
                    if (e.getValue().equals(first.get(e.getKey()))) {
                        markUnmoved.add(e.getKey());
                    }
                }
            }
            vrrpDrops = VrrpDrops.of(nft.allRules(), NftRuleset.DEFAULT_TABLE);
        } catch (IOException e) {
            unread.put("nft", "cannot read nf_tables: " + e.getMessage() + ": [[mark]] counters and other tables' drops of VRRP"
                    + " were not checked");
        }
        return new Facts(config, sysctls, addresses, daemon, markPackets, markUnmoved, fwmarkConnections, vrrpDrops, unread);
    }

    private static Config load(Path file, Map<String, String> unread) {
        LoadResult result = ConfigLoader.load(file);
        if (result instanceof LoadResult.Loaded loaded) {
            return loaded.config();
        }
        int errors = ((LoadResult.Failed) result).errors().size();
        unread.put("config", file + " has " + errors + (errors == 1 ? " error" : " errors") + " (ipvsctl validate " + file
                + "): the checks of the file's services, addresses and rules were not run");
        return null;
    }

    private static List<LocalAddress> addresses(RtnlClient rtnl) throws IOException {
        Map<Integer, String> names = new HashMap<>();
        for (Link l : rtnl.links()) {
            names.put(l.index(), l.name());
        }
        List<LocalAddress> out = new ArrayList<>();
        for (InterfaceAddress a : rtnl.addresses()) {
            out.add(new LocalAddress(names.getOrDefault(a.ifindex(), "if" + a.ifindex()), a.address(), a.prefixLength()));
        }
        return out;
    }

    /** The sysctls the checks use, for "all" and every interface with an address; read in the namespace. */
    private Map<String, String> sysctls(List<LocalAddress> addresses) throws IOException {
        List<String> names = new ArrayList<>(List.of(Diagnosis.IP_FORWARD, Diagnosis.IPV6_FORWARDING, Diagnosis.VS_CONNTRACK));
        List<String> devs = new ArrayList<>(List.of("all"));
        if (addresses != null) {
            addresses.stream().map(LocalAddress::dev).distinct().forEach(devs::add);
        }
        for (String dev : devs) {
            for (String s : List.of("rp_filter", "arp_ignore", "arp_announce")) {
                names.add("net.ipv4.conf." + dev + "." + s);
            }
        }
        return netns == null ? read(names) : Netns.callIn(netns, () -> read(names));
    }

    /**
     * /proc/sys/net shows the namespace of the thread that opens the file. Names are split at
     * the dots around the interface only, so "eth0.100" stays one directory.
     */
    private static Map<String, String> read(List<String> names) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String name : names) {
            Path path = name.startsWith("net.ipv4.conf.")
                    ? Path.of("/proc/sys/net/ipv4/conf", name.substring("net.ipv4.conf.".length(), name.lastIndexOf('.')),
                    name.substring(name.lastIndexOf('.') + 1))
                    : Path.of("/proc/sys", name.replace('.', '/'));
            try {
                out.put(name, Files.readString(path, StandardCharsets.US_ASCII).trim());
            } catch (NoSuchFileException e) {
                // the kernel lacks it (module not loaded, interface gone): the check using it is skipped
            }
        }
        return out;
    }

    private static Map<Long, Long> fwmarkConnections(IpvsClient ipvs) throws IOException {
        Map<Long, Long> out = new HashMap<>();
        for (Service s : ipvs.services()) {
            if (s.key() instanceof FwmarkServiceKey k) {
                out.merge(k.fwmark(), s.stats().connections(), Long::sum);
            }
        }
        return out;
    }

    private static Map<String, Long> packets(List<RuleCounters> counters) {
        Map<String, Long> out = new LinkedHashMap<>();
        counters.forEach(c -> out.put(c.rule(), c.packets()));
        return out;
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted between the two counter reads");
        }
    }
}
