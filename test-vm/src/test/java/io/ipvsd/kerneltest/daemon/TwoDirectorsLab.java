package io.ipvsd.kerneltest.daemon;

import io.ipvsd.kerneltest.ExecResult;
import io.ipvsd.kerneltest.FreshNetns;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two directors that share a VIP over VRRP, with real IPVS, each in a namespace of its own on one
 * bridge (in a third namespace), and two real servers on the same bridge running busybox httpd:
 *
 * <pre>
 *   dirA 10.78.0.1   dirB 10.78.0.2   rs1 10.78.0.11   rs2 10.78.0.12    (eth0 each, bridge br0 in hub)
 * </pre>
 *
 * Each director runs ipvsd with its own file ({@link #start}); {@link #close()} kills everything
 * and deletes the namespaces.
 */
final class TwoDirectorsLab implements AutoCloseable {
    static final String VIP = "10.78.0.100";

    private final List<FreshNetns> namespaces = new ArrayList<>();
    private final List<Process> httpd = new ArrayList<>();
    private final List<IpvsdProcess> daemons = new ArrayList<>();
    final FreshNetns hub = namespace();
    final FreshNetns dirA = namespace();
    final FreshNetns dirB = namespace();
    final FreshNetns rs1 = namespace();
    final FreshNetns rs2 = namespace();
    final Path dir;

    TwoDirectorsLab() {
        try {
            dir = Files.createTempDirectory("ipvsd-vrrp-lab");
            hub.exec("sh", "-c", "set -e\nip link add br0 type bridge\nip link set br0 up\n").assertSuccess();
            plug(dirA, "10.78.0.1");
            plug(dirB, "10.78.0.2");
            plug(rs1, "10.78.0.11");
            plug(rs2, "10.78.0.12");
            serve(rs1);
            serve(rs2);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private FreshNetns namespace() {
        FreshNetns ns = new FreshNetns();
        ns.beforeEach(null);
        namespaces.add(ns);
        return ns;
    }

    private void plug(FreshNetns ns, String address) {
        String port = "p" + namespaces.indexOf(ns);
        ExecResult.run(Duration.ofSeconds(30), List.of("ip", "link", "add", "eth0", "netns", ns.name(), "type", "veth",
                "peer", "name", port, "netns", hub.name())).assertSuccess();
        hub.exec("ip", "link", "set", port, "master", "br0", "up").assertSuccess();
        ns.exec("sh", "-c", "set -e\nip link set lo up\nip link set eth0 up\nip addr add " + address + "/24 dev eth0\n")
                .assertSuccess();
    }

    /** httpd on port 80, answering its namespace's name; killed by {@link #stopServing}. */
    private void serve(FreshNetns ns) throws IOException {
        Path www = dir.resolve("www-" + ns.name());
        Files.createDirectories(www);
        Files.writeString(www.resolve("index.html"), ns.name() + "\n");
        httpd.add(new ProcessBuilder("ip", "netns", "exec", ns.name(), "busybox", "httpd", "-f", "-p", "80", "-h",
                www.toString()).redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start());
        Await.until(Duration.ofSeconds(20), ns.name() + " httpd listens", () -> ns.exec("bash", "-c",
                "exec 3<>/dev/tcp/127.0.0.1/80"), ExecResult::succeeded, null);
    }

    /** Kills the httpd of {@code ns}: its health checks fail from now on. */
    void stopServing(FreshNetns ns) {
        int index = ns == rs1 ? 0 : 1;
        Process p = httpd.get(index);
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes {@code toml} (after a [daemon] section in the lab's directory) and starts ipvsd in {@code ns}. */
    IpvsdProcess start(FreshNetns ns, String toml) {
        return start(ns, toml, List.of());
    }

    IpvsdProcess start(FreshNetns ns, String toml, List<String> jvmOptions) {
        Path nodeDir = dir.resolve(ns.name());
        try {
            Files.createDirectories(nodeDir);
            Path config = nodeDir.resolve("ipvsd.toml");
            Files.writeString(config, daemonSection(nodeDir) + toml);
            IpvsdProcess p = IpvsdProcess.start(ns.name(), config, nodeDir.resolve("ipvsd.log"), jvmOptions);
            daemons.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces {@code ns}'s file (the [daemon] section kept); the daemon reloads it within a second. */
    void rewrite(FreshNetns ns, String toml) {
        Path nodeDir = dir.resolve(ns.name());
        try {
            Files.writeString(nodeDir.resolve("ipvsd.toml.new"), daemonSection(nodeDir) + toml);
            Files.move(nodeDir.resolve("ipvsd.toml.new"), nodeDir.resolve("ipvsd.toml"),
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String daemonSection(Path nodeDir) {
        return "[daemon]\ninterval = \"1s\"\nstate_dir = \"" + nodeDir + "\"\ncontrol_socket = \""
                + nodeDir.resolve("ipvsd.sock") + "\"\n\n";
    }

    /** Whether the VIP is on {@code ns}'s eth0 now. */
    boolean holdsVip(FreshNetns ns) {
        return ns.exec("ip", "-o", "addr", "show", "dev", "eth0").assertSuccess().stdout().contains(" " + VIP + "/");
    }

    /** `ipvsadm -L --daemon` of {@code ns}. */
    String syncDaemons(FreshNetns ns) {
        return ns.exec("ipvsadm", "-L", "--daemon").assertSuccess().stdout();
    }

    /** The daemons' logs and each director's addresses, for a failure message. */
    String context() {
        StringBuilder b = new StringBuilder();
        for (IpvsdProcess d : daemons) {
            d.dumpThreads();
            b.append("--- ipvsd log ---\n").append(d.log()).append('\n');
        }
        for (FreshNetns ns : List.of(dirA, dirB)) {
            b.append("--- ").append(ns.name()).append(" ---\n").append(ns.exec("ip", "-o", "addr").stdout())
                    .append(ns.exec("ipvsadm", "-Ln").stdout()).append(ns.exec("ipvsadm", "-L", "--daemon").stdout());
        }
        return b.toString();
    }

    @Override
    public void close() {
        daemons.forEach(IpvsdProcess::destroy);
        for (Process p : httpd) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (FreshNetns ns : namespaces) {
            ns.afterEach(null);
        }
    }
}
