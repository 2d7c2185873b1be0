package io.ipvsd.kerneltest.daemon;

import io.ipvsd.cli.Ipvsctl;
import io.ipvsd.kerneltest.ExecResult;
import io.ipvsd.kerneltest.FreshNetns;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A director and its neighbours, each in a fresh network namespace, for tests of the daemon:
 *
 * <pre>
 *   client 10.77.1.2 --- d0 10.77.1.1  [director]  br1 10.77.2.1 --- real servers 10.77.2.x
 *                                       VIPs on lo                    (default route: the director)
 * </pre>
 *
 * The client's and the real servers' default route is the director, so NAT works without a
 * masquerade rule. Each real server runs busybox httpd on the ports asked for, answering {@code GET /}
 * with its name and {@code GET /healthz} with "ok". {@link #startDaemon()} runs ipvsd in the
 * director's namespace with {@link #configFile()}, whose {@code [daemon]} section
 * ({@link #daemonSection}) points the state and the control socket into the lab's own directory.
 *
 * <p>Every wait is a bounded poll ({@link Await}). {@link #close()} kills what the lab started and
 * deletes its namespaces and directory.
 */
final class DirectorLab implements AutoCloseable {
    static final String CLIENT = "10.77.1.2";
    static final String CLIENT_MAC = "02:77:01:00:00:02";
    static final String DIRECTOR_FRONT = "10.77.1.1";
    static final String DIRECTOR_BACK = "10.77.2.1";
    /** Generous: a JVM start under emulation on a busy host has taken over a minute (seen in CI). */
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(60);

    private final List<FreshNetns> namespaces = new ArrayList<>();
    private final FreshNetns client;
    private final FreshNetns director;
    private final Map<String, RealServer> servers = new LinkedHashMap<>();
    private final List<HeldConnection> held = new ArrayList<>();
    private final Path dir;
    private final Path config;
    private final Path daemonLog;
    private final long created = System.nanoTime();
    private IpvsdProcess daemon;

    private DirectorLab(Path dir) {
        this.dir = dir;
        this.config = dir.resolve("ipvsd.toml");
        this.daemonLog = dir.resolve("ipvsd.log");
        this.client = namespace();
        this.director = namespace();
    }

    /** The client and the director, with {@code vips} (/32) on the director's loopback. */
    static DirectorLab create(String... vips) {
        Path dir;
        try {
            dir = Files.createTempDirectory("ipvsd-lab");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DirectorLab lab = new DirectorLab(dir);
        try {
            host("ip", "link", "add", "c0", "netns", lab.client.name(), "address", CLIENT_MAC, "type", "veth", "peer",
                    "name", "d0", "netns", lab.director.name());
            StringBuilder d = new StringBuilder("set -e\n")
                    .append("ip link set d0 up\nip addr add ").append(DIRECTOR_FRONT).append("/24 dev d0\n")
                    .append("ip link add br1 type bridge\nip link set br1 up\n")
                    .append("ip addr add ").append(DIRECTOR_BACK).append("/24 dev br1\n");
            for (String vip : vips) {
                d.append("ip addr add ").append(vip).append("/32 dev lo\n");
            }
            lab.director.exec("sh", "-c", d.toString()).assertSuccess();
            // Two SYN retries: a request no server answers fails in 7 s instead of two minutes.
            lab.client.exec("sh", "-c", "set -e\nip link set c0 up\nip addr add " + CLIENT + "/24 dev c0\n"
                    + "ip route add default via " + DIRECTOR_FRONT + "\nsysctl -q -w net.ipv4.tcp_syn_retries=2\n").assertSuccess();
            return lab;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    private FreshNetns namespace() {
        FreshNetns ns = new FreshNetns();
        ns.beforeEach(null);
        namespaces.add(ns);
        return ns;
    }

    // --- Real servers ---------------------------------------------------------------------------

    /** A real server at {@code address} (in 10.77.2.0/24) running httpd on each port, answering its name. */
    RealServer addServer(String name, String address, int... ports) {
        FreshNetns ns = namespace();
        String link = "v-" + name;
        host("ip", "link", "add", "eth0", "netns", ns.name(), "type", "veth", "peer", "name", link, "netns", director.name());
        director.exec("ip", "link", "set", link, "master", "br1", "up").assertSuccess();
        ns.exec("sh", "-c", "set -e\nip link set eth0 up\nip addr add " + address + "/24 dev eth0\n"
                + "ip route add default via " + DIRECTOR_BACK + "\n").assertSuccess();
        Path www = dir.resolve("www-" + name);
        try {
            Files.createDirectories(www);
            Files.writeString(www.resolve("index.html"), name + "\n");
            Files.writeString(www.resolve("healthz"), "ok\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RealServer server = new RealServer(name, address, ns, www, ports);
        servers.put(name, server);
        server.start();
        return server;
    }

    RealServer server(String name) {
        RealServer s = servers.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no real server " + name);
        }
        return s;
    }

    /** One real server: its namespace and its httpd processes (one per port). */
    final class RealServer {
        final String name;
        final String address;
        final FreshNetns ns;
        private final Path www;
        private final int[] ports;
        private final List<Process> httpd = new ArrayList<>();

        private RealServer(String name, String address, FreshNetns ns, Path www, int[] ports) {
            this.name = name;
            this.address = address;
            this.ns = ns;
            this.www = www;
            this.ports = ports.clone();
        }

        /** Starts httpd on every port and waits until each accepts connections. */
        void start() {
            if (!httpd.isEmpty()) {
                throw new IllegalStateException(name + " already runs");
            }
            for (int port : ports) {
                try {
                    httpd.add(new ProcessBuilder("ip", "netns", "exec", ns.name(), "busybox", "httpd", "-f", "-p",
                            Integer.toString(port), "-h", www.toString())
                            .redirectInput(Redirect.from(new File("/dev/null")))
                            .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            for (int port : ports) {
                // Over the server's own loopback: no attempt goes through IPVS.
                Await.until(Duration.ofSeconds(20), name + " httpd listens on " + port,
                        () -> ns.exec("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port),
                        ExecResult::succeeded, null);
            }
        }

        /** Kills httpd and the children serving connections: new connections are refused. */
        void stop() {
            for (Process p : httpd) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                try {
                    p.waitFor(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            httpd.clear();
        }
    }

    // --- The daemon -------------------------------------------------------------------------------

    /** The {@code [daemon]} section every lab config starts with: interval, and paths in the lab directory. */
    String daemonSection(String interval) {
        return "[daemon]\n"
                + "interval = \"" + interval + "\"\n"
                + "state_dir = \"" + stateDir() + "\"\n"
                + "control_socket = \"" + controlSocket() + "\"\n"
                + "log_level = \"info\"\n";
    }

    Path stateDir() {
        return dir.resolve("state");
    }

    Path controlSocket() {
        return dir.resolve("ctl/ipvsd.sock");
    }

    Path configFile() {
        return config;
    }

    /** Replaces the config file atomically (a new inode: the daemon sees the change on its next look). */
    void writeConfig(String toml) {
        try {
            Path tmp = dir.resolve("ipvsd.toml.new");
            Files.writeString(tmp, toml);
            Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts ipvsd in the director's namespace (the config must be written). */
    IpvsdProcess startDaemon() {
        if (daemon != null && daemon.alive()) {
            throw new IllegalStateException("ipvsd already runs");
        }
        appendLog("--- ipvsd started by the test\n");
        if (daemon == null) {
            Timing.log("lab: director, client and " + servers.size() + " real servers up", created);
        }
        daemon = IpvsdProcess.start(director.name(), config, daemonLog);
        return daemon;
    }

    IpvsdProcess daemon() {
        return daemon;
    }

    /** What a failure message should show: the daemon's log and the director's IPVS table. */
    String context() {
        StringBuilder s = new StringBuilder("--- ipvsd ");
        s.append(daemon == null ? "(not started)" : (daemon.alive() ? "(running)" : "(exited)")).append(" log:\n");
        s.append(daemon == null ? "" : tail(daemon.log(), 80));
        s.append("--- ipvsadm -Ln:\n").append(director.exec("ipvsadm", "-Ln").stdout());
        return s.toString();
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
    }

    private void appendLog(String line) {
        try {
            Files.writeString(daemonLog, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ipvsctl ARGS} in this JVM (no JVM start); the control socket is a path, so any namespace can use it. */
    CliRun ipvsctl(String... args) {
        return ipvsctlIn(args);
    }

    /** {@code ipvsctl ARGS} in this JVM, outside any lab (the arguments name the namespace). */
    static CliRun ipvsctlIn(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Ipvsctl.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record CliRun(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }

    // --- Looking at the director ------------------------------------------------------------------

    FreshNetns director() {
        return director;
    }

    FreshNetns client() {
        return client;
    }

    ExecResult inDirector(String... argv) {
        return inDirector(EXEC_TIMEOUT, argv);
    }

    ExecResult inDirector(Duration timeout, String... argv) {
        return director.exec(timeout, argv).assertSuccess();
    }

    /** {@code ipvsadm -Sn} in the director, as a set of lines (the kernel's hash order is no order). */
    Set<String> ipvsadmRules() {
        return new TreeSet<>(director.exec("ipvsadm", "-Sn").assertSuccess().stdout().lines().toList());
    }

    /** Waits until {@code ipvsadm -Sn} shows exactly {@code expected}. */
    void awaitRules(Duration timeout, String what, Set<String> expected) {
        Set<String> want = new TreeSet<>(expected);
        Await.until(timeout, what + ": ipvsadm -Sn is\n" + String.join("\n", want), this::ipvsadmRules, want::equals,
                this::context);
    }

    /**
     * {@code nft list table inet ipvsd} in the director with the counters' values left out (they
     * change with traffic), or "(no table)" when it is absent.
     */
    String nftTable() {
        ExecResult r = director.exec("nft", "list", "table", "inet", "ipvsd");
        return r.succeeded() ? r.stdout().replaceAll("counter packets \\d+ bytes \\d+", "counter") : "(no table)";
    }

    /** Packets counted by the rule of ipvsd's table whose comment starts with "ipvsd NAME/". */
    long nftPackets(String ruleName) {
        String table = director.exec("nft", "list", "table", "inet", "ipvsd").assertSuccess().stdout();
        Matcher m = Pattern.compile("counter packets (\\d+) .*comment \"ipvsd " + Pattern.quote(ruleName) + "/").matcher(table);
        if (!m.find()) {
            throw new AssertionError("no rule " + ruleName + " in\n" + table);
        }
        return Long.parseLong(m.group(1));
    }

    /** Real servers of {@code service} ("-t 10.77.0.10:80" as ipvsadm -Sn writes it) to their weight. */
    Map<String, Integer> weights(String service) {
        Map<String, Integer> out = new TreeMap<>();
        String prefix = "-a " + service + " -r ";
        for (String line : ipvsadmRules()) {
            if (line.startsWith(prefix)) {
                String[] f = line.substring(prefix.length()).split(" ");
                int w = -1;
                for (int i = 0; i < f.length - 1; i++) {
                    if (f[i].equals("-w")) {
                        w = Integer.parseInt(f[i + 1]);
                    }
                }
                out.put(f[0], w);
            }
        }
        return out;
    }

    /** {@code ipvsadm -Ln} of one service's real servers: address:port to ActiveConn. */
    Map<String, Integer> activeConnections(String vip, int port) {
        String out = director.exec("ipvsadm", "-Ln", "-t", vip + ":" + port).assertSuccess().stdout();
        Map<String, Integer> active = new TreeMap<>();
        for (String line : out.lines().toList()) {
            String t = line.trim();
            if (t.startsWith("-> ") && !t.startsWith("-> RemoteAddress")) {
                String[] f = t.split("\\s+");
                active.put(f[1], Integer.parseInt(f[4]));
            }
        }
        return active;
    }

    // --- Traffic --------------------------------------------------------------------------------

    /**
     * {@code n} HTTP/1.0 requests from the client to vip:port, one after another, each on a new
     * connection; returns each answer's last line (the real server's name) or "FAIL".
     */
    List<String> get(String vip, int port, int n) {
        String script = "for ((i = 0; i < " + n + "; i++)); do\n"
                + "  r=$( { printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3; tail -n 1 <&3; } 3<>/dev/tcp/" + vip + "/" + port
                + " 2>/dev/null )\n"
                + "  echo \"${r:-FAIL}\"\n"
                + "done\n";
        ExecResult r = client.exec(EXEC_TIMEOUT, "bash", "-c", script).assertSuccess();
        return r.stdout().lines().toList();
    }

    /** Answers per server name, in name order. */
    static Map<String, Long> count(List<String> answers) {
        return answers.stream().collect(Collectors.groupingBy(a -> a, TreeMap::new, Collectors.counting()));
    }

    /** Opens a TCP connection from the client to vip:port and keeps it open (idle) until closed. */
    HeldConnection hold(String vip, int port) {
        HeldConnection c = new HeldConnection(client.name(), vip, port);
        held.add(c);
        return c;
    }

    /** A client connection kept open by a bash that waits on its stdin; closing stdin closes it. */
    static final class HeldConnection implements AutoCloseable {
        private final Process process;

        HeldConnection(String netns, String vip, int port) {
            try {
                process = new ProcessBuilder("ip", "netns", "exec", netns, "bash", "-c",
                        "exec 3<>/dev/tcp/" + vip + "/" + port + " || exit 1; echo connected; read -r _")
                        .redirectError(Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            try {
                line = CompletableFuture.supplyAsync(() -> {
                    try {
                        return out.readLine();
                    } catch (IOException e) {
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                process.destroyForcibly();
                throw new AssertionError("no connection to " + vip + ":" + port + " within 30 s", e);
            }
            if (!"connected".equals(line)) {
                process.destroyForcibly();
                throw new AssertionError("cannot connect to " + vip + ":" + port);
            }
        }

        @Override
        public void close() {
            if (!process.isAlive()) {
                return;
            }
            try {
                process.getOutputStream().close();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    // --- Cleanup -----------------------------------------------------------------------------------

    @Override
    public void close() {
        long t0 = System.nanoTime();
        List<Throwable> problems = new ArrayList<>();
        run(problems, () -> held.forEach(HeldConnection::close));
        if (daemon != null) {
            run(problems, daemon::destroy);
        }
        for (RealServer s : servers.values()) {
            run(problems, s::stop);
        }
        for (FreshNetns ns : namespaces) {
            run(problems, () -> ns.afterEach(null));
        }
        run(problems, () -> {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Timing.log("lab: torn down", t0);
        if (!problems.isEmpty()) {
            AssertionError e = new AssertionError("lab cleanup failed");
            problems.forEach(e::addSuppressed);
            throw e;
        }
    }

    private static void run(List<Throwable> problems, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            problems.add(e);
        }
    }

    static void host(String... argv) {
        ExecResult.run(EXEC_TIMEOUT, List.of(argv)).assertSuccess();
    }
}
