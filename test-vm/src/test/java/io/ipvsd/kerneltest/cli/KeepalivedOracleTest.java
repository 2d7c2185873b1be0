package io.ipvsd.kerneltest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.cli.importer.IpvsadmImport;
import io.ipvsd.cli.importer.KeepalivedImport;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import io.ipvsd.kerneltest.ExecResult;
import io.ipvsd.kerneltest.FreshNetns;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * keepalived is the oracle of {@code ipvsctl import keepalived}: for each of keepalived's own
 * sample configurations (Debian's package, /usr/share/doc/keepalived/samples), keepalived builds
 * its IPVS table in one namespace ({@code keepalived -C}: the checker process only, so no VIP is
 * added) and ipvsctl apply builds the imported file's in another; {@code ipvsadm -Sn} of both must
 * be equal, read as soon as keepalived has put all its real servers in (before a health check
 * could fail: its first failure is followed by delay_before_retry, at least 1 s, and the samples'
 * checks retry). The same for ipvsadm-restore against {@code import ipvsadm}.
 *
 * <p>Health checks are left out of the file applied: apply runs no checks (every real server is
 * up), and the check types the samples use beyond tcp/http/exec are another helper's work.
 */
@Tag("kernel")
class KeepalivedOracleTest {
    private static final Path SAMPLES = Path.of("/usr/share/doc/keepalived/samples");
    private static final String CONFIG_ID = "lb1";
    /** Sets the marks the fwmark samples use (1 and 2), as a site's iptables script would. */
    private static final String IPTABLES_SAVE = """
            *mangle
            :PREROUTING ACCEPT [0:0]
            -A PREROUTING -d 192.168.201.100/32 -p tcp -m multiport --dports 80,443 -j MARK --set-xmark 0x1/0xffffffff
            -A PREROUTING -d 192.168.201.101/32 -p tcp -m tcp --dport 80 -m mac ! --mac-source 52:54:00:12:34:56 -j MARK --set-mark 2
            COMMIT
            """;

    @RegisterExtension
    final FreshNetns keepalivedNs = new FreshNetns();

    @RegisterExtension
    final FreshNetns ipvsdNs = new FreshNetns();

    @Test
    void keepalivedAndTheImportedFileBuildTheSameTable() throws Exception {
        Path work = Files.createTempDirectory("oracle");
        Path iptables = work.resolve("iptables.save");
        Files.writeString(iptables, IPTABLES_SAVE);
        routable(keepalivedNs);
        routable(ipvsdNs);

        List<Path> samples = samples(work);
        assertFalse(samples.isEmpty(), "no keepalived samples in " + SAMPLES + " (test-vm/install-deps installs keepalived)");
        int imported = 0;
        int compared = 0;
        int equal = 0;
        List<String> differences = new ArrayList<>();
        List<Path> comparedSamples = new ArrayList<>();
        List<List<String>> byKeepalived = new ArrayList<>();
        List<String> applyArgs = new ArrayList<>();
        for (Path sample : samples) {
            KeepalivedImport.Result result = KeepalivedImport.run(sample, CONFIG_ID, iptables);
            boolean validates = ConfigLoader.parse(result.toml(), "imported") instanceof LoadResult.Loaded;
            if (validates) {
                imported++;
            }
            String name = sample.getFileName().toString();
            Path applied = work.resolve(name + ".state").resolve("applied.toml");
            Files.createDirectories(applied.getParent());
            String ipvs = ipvsOnly(result.toml(), applied.getParent());
            if (!(ConfigLoader.parse(ipvs, "applied") instanceof LoadResult.Loaded loaded)) {
                differences.add(name + ": the IPVS part of the import does not validate");
                continue;
            }
            if (loaded.config().services().isEmpty()) {
                continue;
            }
            Files.writeString(applied, ipvs);
            int expectedReals = (int) ipvs.lines().filter(l -> l.strip().equals("[[service.real]]")).count();
            comparedSamples.add(sample);
            byKeepalived.add(keepalivedTable(sample, work, expectedReals));
            applyArgs.add(applied.toString());
            applyArgs.add(work.resolve(name + ".ipvsd").toString());
        }
        List<String> argv = new ArrayList<>(List.of("io.ipvsd.kerneltest.cli.ApplyEach"));
        argv.addAll(applyArgs);
        javaIn(ipvsdNs, Duration.ofMinutes(10), argv).assertSuccess();
        for (int i = 0; i < comparedSamples.size(); i++) {
            String name = comparedSamples.get(i).getFileName().toString();
            List<String> byIpvsd = sortedLines(Files.readString(Path.of(applyArgs.get(2 * i + 1))));
            compared++;
            if (byKeepalived.get(i).equals(byIpvsd.stream().filter(l -> !l.startsWith("#") && !l.equals("exit 0")).toList())) {
                equal++;
            } else {
                differences.add(name + ":\n  keepalived: " + byKeepalived.get(i) + "\n  ipvsd:      " + byIpvsd);
            }
        }
        System.out.printf("keepalived oracle: %d sample files, %d imported to a valid file, %d with services compared, %d equal%n",
                samples.size(), imported, compared, equal);
        differences.forEach(System.out::println);
        assertTrue(compared >= 10, "compared only " + compared);
        assertEquals(List.of(), differences);
    }

    @Test
    void ipvsadmRestoreAndTheImportedSaveBuildTheSameTable() throws Exception {
        routable(keepalivedNs);
        routable(ipvsdNs);
        String save = String.join("\n",
                "-A -t 10.0.0.1:80 -s wrr -p 300 -M 255.255.255.0",
                "-a -t 10.0.0.1:80 -r 10.0.1.1:8080 -m -w 3 -x 100 -y 50",
                "-a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 1",
                "-A -u 10.0.0.2:53 -s sh -b sh-fallback,sh-port -o",
                "-a -u 10.0.0.2:53 -r 10.0.1.3:53 -i -w 2",
                "-A -t [2001:db8::1]:443 -s mh -b mh-port",
                "-a -t [2001:db8::1]:443 -r [2001:db8:1::1]:443 -g -w 1",
                "-A --sctp-service 10.0.0.3:3868 -s rr",
                "-a --sctp-service 10.0.0.3:3868 -r 10.0.1.4:3868 -m -w 1") + "\n";
        Path work = Files.createTempDirectory("restore");
        Path saveFile = work.resolve("save");
        Files.writeString(saveFile, save);
        keepalivedNs.exec("sh", "-c", "ipvsadm-restore < " + saveFile).assertSuccess();
        List<String> restored = sortedSave(keepalivedNs);
        IpvsadmImport.Result r = IpvsadmImport.run(saveFile.toString(), save.lines().toList(), "test");
        assertTrue(ConfigLoader.parse(r.toml(), "imported") instanceof LoadResult.Loaded, r.toml());
        assertEquals(9, restored.size(), restored.toString());
        assertEquals(restored, appliedTable(r.toml(), work));
    }

    @Test
    void importKernelThenPlanShowsNoChange() throws Exception {
        routable(ipvsdNs);
        Path work = Files.createTempDirectory("kernel");
        Path saveFile = work.resolve("save");
        Files.writeString(saveFile, String.join("\n",
                "-A -t 10.0.0.1:80 -s wrr -p 300 -M 255.255.255.0",
                "-a -t 10.0.0.1:80 -r 10.0.1.1:8080 -m -w 3 -x 100 -y 50",
                "-a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 1",
                "-A -u 10.0.0.2:53 -s sh -b sh-fallback -o",
                "-a -u 10.0.0.2:53 -r 10.0.1.3:53 -i -w 2",
                "-A -t [2001:db8::1]:443 -s rr",
                "-a -t [2001:db8::1]:443 -r [2001:db8:1::1]:443 -g -w 1") + "\n");
        ipvsdNs.exec("sh", "-c", "ipvsadm-restore < " + saveFile).assertSuccess();
        Path imported = work.resolve("imported.toml");
        ipvsctlIn(ipvsdNs, "import", "kernel", "-o", imported.toString()).assertSuccess();
        Path withState = work.resolve("plan.toml");
        Files.writeString(withState, "[daemon]\nstate_dir = \"" + work.resolve("state") + "\"\n" + Files.readString(imported));
        ExecResult plan = ipvsctlIn(ipvsdNs, "plan", withState.toString()).assertSuccess();
        System.out.println("plan on the imported live table:\n" + plan.stdout() + plan.stderr());
        // ipvsd always keeps its own (here empty) nftables table; nothing of IPVS may change.
        assertEquals(List.of("+ table inet ipvsd"), plan.stdout().lines().filter(l -> !l.isBlank()).toList());
    }

    private static ExecResult ipvsctlIn(FreshNetns ns, String... args) {
        List<String> argv = new ArrayList<>(List.of("io.ipvsd.cli.Ipvsctl"));
        argv.addAll(List.of(args));
        return javaIn(ns, Duration.ofMinutes(5), argv);
    }

    /** A JVM with the test's classpath run in {@code ns}: MAIN-CLASS ARGS. */
    private static ExecResult javaIn(FreshNetns ns, Duration timeout, List<String> mainAndArgs) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        argv.addAll(mainAndArgs);
        return ns.exec(timeout, argv.toArray(String[]::new));
    }

    /** IPVS takes only destinations it can route to: a veth with default routes. */
    private static void routable(FreshNetns ns) {
        for (String cmd : List.of("ip link add v0 type veth peer name v1", "ip link set v0 up", "ip link set v1 up",
                "ip route add default dev v0", "ip -6 route add default dev v0")) {
            ns.exec(cmd.split(" ")).assertSuccess();
        }
    }

    private static List<Path> samples(Path work) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith("keepalived.conf")) {
                    continue;
                }
                if (name.endsWith(".gz")) {
                    Path plain = work.resolve(name.substring(0, name.length() - 3));
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                        Files.write(plain, in.readAllBytes());
                    }
                    out.add(plain);
                } else {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /**
     * The imported file's [[service]], [[service.real]] and [[mark]] tables without checks, with a
     * private state_dir. A real server whose check starts down (keepalived's alpha) is left out:
     * before its first check neither keepalived nor ipvsd's daemon has it in the table, and apply
     * runs no checks.
     */
    private static String ipvsOnly(String toml, Path work) {
        StringBuilder out = new StringBuilder("[daemon]\nstate_dir = \"" + work.resolve("state") + "\"\n");
        StringBuilder table = new StringBuilder();
        boolean keep = false;
        boolean startsDown = false;
        for (String line : toml.lines().toList()) {
            String s = line.strip();
            if (s.startsWith("[")) {
                if (keep && !startsDown) {
                    out.append(table);
                }
                table.setLength(0);
                startsDown = false;
                keep = s.equals("[[service]]") || s.equals("[[service.real]]") || s.equals("[[mark]]");
            }
            if (s.startsWith("health_check")) {
                startsDown |= s.contains("initial_state = \"down\"");
            } else if (keep) {
                table.append(line).append('\n');
            }
        }
        if (keep && !startsDown) {
            out.append(table);
        }
        return out.toString();
    }

    private List<String> keepalivedTable(Path sample, Path work, int expectedReals) throws Exception {
        Path run = Files.createTempDirectory(work, "ka");
        List<String> command = List.of("ip", "netns", "exec", keepalivedNs.name(), "keepalived", "-n", "-l", "-C", "-i", CONFIG_ID,
                "-f", sample.toString(), "-p", run.resolve("k.pid").toString(), "-c", run.resolve("c.pid").toString());
        Process keepalived = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(run.resolve("log").toFile()).start();
        try {
            List<String> table = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                table = sortedSave(keepalivedNs);
                if (table.stream().filter(l -> l.startsWith("-a ")).count() >= expectedReals && !table.isEmpty()) {
                    break;
                }
                Thread.sleep(100);
            }
            return table;
        } finally {
            keepalived.destroy();
            if (!keepalived.waitFor(30, TimeUnit.SECONDS)) {
                keepalived.destroyForcibly();
            }
            keepalivedNs.exec("ipvsadm", "-C").assertSuccess();
        }
    }

    private List<String> appliedTable(String toml, Path work) throws Exception {
        Path file = Files.createTempFile(work, "imported", ".toml");
        Files.writeString(file, toml.contains("[daemon]") ? toml
                : "[daemon]\nstate_dir = \"" + work.resolve("state") + "\"\n" + toml);
        ipvsctlIn(ipvsdNs, "apply", file.toString()).assertSuccess();
        List<String> table = sortedSave(ipvsdNs);
        ipvsdNs.exec("ipvsadm", "-C").assertSuccess();
        ipvsdNs.exec("nft", "flush", "ruleset").assertSuccess();
        Files.deleteIfExists(work.resolve("state").resolve("state.json"));
        return table;
    }

    private static List<String> sortedSave(FreshNetns ns) {
        return sortedLines(ns.exec("ipvsadm", "-Sn").assertSuccess().stdout());
    }

    private static List<String> sortedLines(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
    }
}
