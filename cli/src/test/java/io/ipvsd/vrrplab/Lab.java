package io.ipvsd.vrrplab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lab's network (vrrp-facts.md §2.1): a hub namespace with bridge br0, and N node namespaces,
 * each with a veth named ens192 plugged into br0 and addressed 192.0.2.21, .22, ... /24.
 * Namespace names carry a random id, so parallel runs and leftovers of killed runs never collide.
 * Every process started through {@link #start} is killed, and every namespace deleted, by close(),
 * whatever state the test left them in.
 */
final class Lab implements AutoCloseable {
    static final String LAN_INTERFACE = "ens192";
    static final String TRACKED_INTERFACE = "ens224";
    private static final String BRIDGE = "br0";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final String hub;
    private final List<String> nodes = new ArrayList<>();
    private final Path logDir;
    private final Path runDir;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> createdNamespaces = new ArrayList<>();

    private Lab(String scenario) throws IOException {
        this.id = "vl" + Long.toString(RANDOM.nextLong() >>> 1, 36).substring(0, 5);
        this.hub = id + "h";
        this.logDir = Files.createDirectories(Results.reportDir().resolve(scenario + "-" + id));
        // Short, so control sockets stay far below the 107-byte limit of sun_path.
        this.runDir = Files.createDirectories(Path.of("/tmp", id));
    }

    /** A bridge and {@code nodeCount} namespaces on it. Logs go to ${ipvsd.vrrp-lab.dir}/SCENARIO-ID/. */
    static Lab create(String scenario, int nodeCount) {
        Lab lab;
        try {
            lab = new Lab(scenario);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            lab.build(nodeCount);
            return lab;
        } catch (RuntimeException e) {
            try {
                lab.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void build(int nodeCount) {
        addNamespace(hub);
        Shell.run("ip", "-n", hub, "link", "add", BRIDGE, "type", "bridge");
        Shell.run("ip", "-n", hub, "link", "set", BRIDGE, "up");
        for (int i = 0; i < nodeCount; i++) {
            String ns = id + "n" + (i + 1);
            addNamespace(ns);
            nodes.add(ns);
            String port = "p" + (i + 1);
            Shell.run("ip", "link", "add", LAN_INTERFACE, "netns", ns, "type", "veth", "peer", "name", port, "netns", hub);
            Shell.run("ip", "-n", hub, "link", "set", port, "master", BRIDGE);
            Shell.run("ip", "-n", hub, "link", "set", port, "up");
            Shell.run("ip", "-n", ns, "link", "set", "lo", "up");
            Shell.run("ip", "-n", ns, "link", "set", LAN_INTERFACE, "up");
            Shell.run("ip", "-n", ns, "addr", "add", address(i) + "/24", "dev", LAN_INTERFACE);
        }
    }

    private void addNamespace(String ns) {
        Shell.run("ip", "netns", "add", ns);
        createdNamespaces.add(ns);
    }

    /** Node i's namespace (0-based). */
    String netns(int node) {
        return nodes.get(node);
    }

    /** Node i's own address: 192.0.2.21 for node 0, .22 for node 1, ... */
    static String address(int node) {
        return "192.0.2." + (21 + node);
    }

    Path logDir() {
        return logDir;
    }

    /** A private scratch directory for one node: configs, pid files, state dir, control socket. */
    Path runDir(String nodeName) {
        try {
            return Files.createDirectories(runDir.resolve(nodeName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A second interface, ens224, on node i (a veth whose peer sits unplugged in the hub), up. */
    void addTrackedInterface(int node) {
        String peer = "q" + (node + 1);
        Shell.run("ip", "link", "add", TRACKED_INTERFACE, "netns", netns(node), "type", "veth", "peer", "name", peer, "netns", hub);
        Shell.run("ip", "-n", hub, "link", "set", peer, "up");
        setLink(node, TRACKED_INTERFACE, true);
    }

    void setLink(int node, String ifname, boolean up) {
        Shell.run("ip", "-n", netns(node), "link", "set", ifname, up ? "up" : "down");
    }

    /**
     * The "cloud drops multicast" case (vrrp-facts.md §2.2): the bridge drops every frame to 224.0.0.18.
     * The chain is not named "fwd", an nft keyword.
     */
    void dropMulticastOnBridge() {
        Path rules = runDir.resolve("drop-mcast.nft");
        try {
            Files.writeString(rules, """
                    table bridge lab {
                        chain c_forward {
                            type filter hook forward priority 0; policy accept;
                            ip daddr 224.0.0.18 counter drop
                        }
                    }
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Shell.run("ip", "netns", "exec", hub, "nft", "-f", rules.toString());
    }

    /** How many frames the multicast drop rule has dropped so far. */
    long multicastDrops() {
        String listing = Shell.run("ip", "netns", "exec", hub, "nft", "list", "chain", "bridge", "lab", "c_forward");
        Matcher m = Pattern.compile("counter packets (\\d+)").matcher(listing);
        if (!m.find()) {
            throw new IllegalStateException("no counter in the drop rule: " + listing);
        }
        return Long.parseLong(m.group(1));
    }

    /** Starts a long-running process, stdout and stderr appended to the log; close() kills it if it still runs. */
    Process start(List<String> command, Path log) {
        try {
            Files.writeString(log, "# " + String.join(" ", command) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            synchronized (processes) {
                processes.add(p);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    @Override
    public void close() {
        List<String> problems = new ArrayList<>();
        List<Process> started;
        synchronized (processes) {
            started = List.copyOf(processes);
        }
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : started) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    problems.add("process " + p.pid() + " survived SIGKILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("interrupted while reaping " + p.pid());
            }
        }
        // Anything else still running in our namespaces was started by this lab too (e.g. a re-parented child).
        for (String ns : createdNamespaces) {
            Shell.Result pids = Shell.tryRun(Duration.ofSeconds(5), List.of("ip", "netns", "pids", ns));
            for (String pid : pids.stdout().split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        for (int i = createdNamespaces.size() - 1; i >= 0; i--) {
            String ns = createdNamespaces.get(i);
            Shell.Result del = Shell.tryRun(Duration.ofSeconds(10), List.of("ip", "netns", "del", ns));
            if (del.exitCode() != 0) {
                problems.add("ip netns del " + ns + ": " + del.stderr().strip());
            }
        }
        try (Stream<Path> files = Files.walk(runDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            problems.add("cannot remove " + runDir + ": " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("lab " + id + " teardown: " + String.join("; ", problems));
        }
    }
}
