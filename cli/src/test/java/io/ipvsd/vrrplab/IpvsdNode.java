package io.ipvsd.vrrplab;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * ipvsd in one lab namespace, started like bin/ipvsd from the cli module's cli.jar and lib/
 * (system properties ipvsd.cli.jar, ipvsd.cli.lib), with the TOML of the shared design: a [daemon]
 * table with a private state_dir and control_socket, the vrrp_instances and sync groups.
 */
final class IpvsdNode extends Node {
    private static final long START_DEADLINE_MS = 30_000;
    private static final Duration STATUS_DEADLINE = Duration.ofSeconds(20);

    private final Path config;
    private final Path socket;
    private Process process;

    private IpvsdNode(Lab lab, int index, String name, List<VrrpInstance> instances, List<SyncGroup> groups) {
        this(lab, index, name, dir -> toml(dir.resolve("state"), dir.resolve("ctl.sock"), Lab.address(index), instances, groups));
    }

    /** A node whose file is the [daemon] section followed by {@code body}, as written. */
    static IpvsdNode startWithFile(Lab lab, int index, String name, String body) {
        IpvsdNode node = new IpvsdNode(lab, index, name, dir -> toml(dir.resolve("state"), dir.resolve("ctl.sock"),
                Lab.address(index), List.of(), List.of()) + "\n" + body);
        node.start();
        return node;
    }

    private IpvsdNode(Lab lab, int index, String name, Function<Path, String> file) {
        super(lab, index, name);
        Path dir = lab.runDir(name);
        this.socket = dir.resolve("ctl.sock");
        this.config = lab.logDir().resolve(name + ".toml");
        try {
            Files.createDirectories(dir.resolve("state"));
            Files.writeString(config, file.apply(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the TOML for node {@code index} and starts ipvsd; returns once its control socket answers. */
    static IpvsdNode start(Lab lab, int index, String name, VrrpInstance... instances) {
        return start(lab, index, name, List.of(instances), List.of());
    }

    static IpvsdNode start(Lab lab, int index, String name, List<VrrpInstance> instances, List<SyncGroup> groups) {
        IpvsdNode node = new IpvsdNode(lab, index, name, instances, groups);
        node.start();
        return node;
    }

    static String toml(Path stateDir, Path socket, String ownAddress, List<VrrpInstance> instances, List<SyncGroup> groups) {
        StringBuilder t = new StringBuilder();
        t.append("[daemon]\n");
        t.append("state_dir = ").append(quote(stateDir.toString())).append('\n');
        t.append("control_socket = ").append(quote(socket.toString())).append('\n');
        t.append("log_level = \"info\"\n");
        for (VrrpInstance i : instances) {
            t.append("\n[[vrrp_instance]]\n");
            t.append("name = ").append(quote(i.name())).append('\n');
            t.append("interface = ").append(quote(Lab.LAN_INTERFACE)).append('\n');
            t.append("virtual_router_id = ").append(i.vrid()).append('\n');
            t.append("priority = ").append(i.priority()).append('\n');
            t.append("advert_int = ").append(quote(i.advertSeconds() + "s")).append('\n');
            t.append("version = 2\n");
            t.append("state = \"backup\"\n");
            t.append("nopreempt = ").append(i.nopreempt()).append('\n');
            if (i.authPass() != null) {
                t.append("auth_pass = ").append(quote(i.authPass())).append('\n');
            }
            if (!i.unicastPeers().isEmpty()) {
                t.append("unicast_src_ip = ").append(quote(i.unicastSrc() == null ? ownAddress : i.unicastSrc())).append('\n');
                t.append("unicast_peer = ").append(list(i.unicastPeers())).append('\n');
            }
            t.append("virtual_ipaddress = ")
                    .append(list(i.vips().stream().map(Vip::keepalivedSyntax).collect(Collectors.toList()))).append('\n');
            if (!i.trackInterfaces().isEmpty()) {
                t.append("track_interface = ").append(list(i.trackInterfaces())).append('\n');
            }
        }
        for (SyncGroup g : groups) {
            t.append("\n[[vrrp_sync_group]]\n");
            t.append("name = ").append(quote(g.name())).append('\n');
            t.append("group = ").append(list(g.instances())).append('\n');
        }
        return t.toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String list(List<String> items) {
        return items.stream().map(IpvsdNode::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    private static List<String> java(Lab lab, String netns) {
        String jar = requiredProperty("ipvsd.cli.jar");
        String lib = requiredProperty("ipvsd.cli.lib");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of("ip", "netns", "exec", netns, javaBin, "-XX:+UseShenandoahGC", "-Xmx256m", "-cp", jar + ":" + lib + "/*");
    }

    private static String requiredProperty(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("system property " + key + " is not set: run the lab with mvn verify");
        }
        return value;
    }

    /** Starts the daemon and waits until `ipvsctl status` answers; an early exit fails with the log's tail. */
    void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>(java(lab, netns()));
        command.addAll(List.of("io.ipvsd.daemon.Ipvsd", "--config", config.toString()));
        process = lab.start(command, log);
        long deadline = System.currentTimeMillis() + START_DEADLINE_MS;
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError(name + ": ipvsd exited with " + process.exitValue()
                        + " before its control socket answered. Log " + log + ":\n" + Shell.tail(log, 30));
            }
            if (Files.exists(socket) && tryStatus() != null) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(name + ": ipvsd's control socket " + socket + " not answering after "
                        + START_DEADLINE_MS + " ms. Log:\n" + Shell.tail(log, 30));
            }
            pause(100);
        }
    }

    /** SIGKILL (Process.destroyForcibly): no priority 0, the VIPs stay. Returns System.nanoTime() of the kill. */
    long kill9() {
        long at = System.nanoTime();
        process.destroyForcibly();
        awaitExit();
        return at;
    }

    /** SIGTERM (Process.destroy): the graceful stop. Returns System.nanoTime() of the signal. */
    long terminate() {
        long at = System.nanoTime();
        process.destroy();
        awaitExit();
        return at;
    }

    /** The exit status after {@link #terminate()} or {@link #kill9()}. */
    int exitValue() {
        return process.exitValue();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                throw new AssertionError(name + ": ipvsd still running 15 s after the signal. Log:\n" + Shell.tail(log, 30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** `ipvsctl status --json --socket PATH`, run in the node's namespace, parsed. */
    VrrpStatus status() {
        List<String> command = new ArrayList<>(java(lab, netns()));
        command.addAll(List.of("io.ipvsd.cli.Ipvsctl", "status", "--json", "--socket", socket.toString()));
        String json = Shell.run(STATUS_DEADLINE, command);
        try {
            return new VrrpStatus(name, new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new AssertionError(name + ": ipvsctl status --json printed no JSON: " + json, e);
        }
    }

    /**
     * Polls status until the condition holds; returns that answer. On timeout the failure shows the
     * last answer and the log's tail.
     */
    VrrpStatus awaitStatus(String what, Duration timeout, Predicate<VrrpStatus> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        VrrpStatus last;
        do {
            last = status();
            if (condition.test(last)) {
                return last;
            }
            pause(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(name + ": not within " + timeout.toMillis() + " ms: " + what + "\nlast " + last
                + "\nlog " + log + ":\n" + Shell.tail(log, 30));
    }

    private VrrpStatus tryStatus() {
        try {
            return status();
        } catch (IllegalStateException e) {
            return null;
        }
    }


}
