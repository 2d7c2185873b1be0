package io.ipvsd.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two fresh network namespaces joined by a veth pair: "va" (MAC 02:00:00:00:00:0a, 192.0.2.1/24,
 * fe80::a/64) in A and "vb" (MAC 02:00:00:00:00:0b, 192.0.2.2/24, fe80::b/64) in B, both up,
 * with duplicate address detection off so the IPv6 addresses work at once. close() deletes both
 * namespaces (and with them the veth pair), also after a failed setup.
 */
public final class VethLab implements AutoCloseable {
    public static final String MAC_A = "02:00:00:00:00:0a";
    public static final String MAC_B = "02:00:00:00:00:0b";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    public final String nsA;
    public final String nsB;

    private VethLab(String nsA, String nsB) {
        this.nsA = nsA;
        this.nsB = nsB;
    }

    public static VethLab create() throws IOException {
        String suffix = ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        VethLab lab = new VethLab("ipvsd-a-" + suffix, "ipvsd-b-" + suffix);
        try {
            for (String ns : new String[] {lab.nsA, lab.nsB}) {
                run("ip", "netns", "add", ns);
                run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0",
                        "net.ipv6.conf.default.accept_dad=0");
                run("ip", "-n", ns, "link", "set", "lo", "up");
            }
            run("ip", "-n", lab.nsA, "link", "add", "va", "address", MAC_A, "type", "veth",
                    "peer", "name", "vb", "address", MAC_B, "netns", lab.nsB);
            run("ip", "-n", lab.nsA, "link", "set", "va", "up");
            run("ip", "-n", lab.nsB, "link", "set", "vb", "up");
            run("ip", "-n", lab.nsA, "addr", "add", "192.0.2.1/24", "dev", "va");
            run("ip", "-n", lab.nsB, "addr", "add", "192.0.2.2/24", "dev", "vb");
            run("ip", "-n", lab.nsA, "addr", "add", "fe80::a/64", "dev", "va", "nodad");
            run("ip", "-n", lab.nsB, "addr", "add", "fe80::b/64", "dev", "vb", "nodad");
            return lab;
        } catch (IOException | RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    public Path pathA() {
        return Path.of("/run/netns", nsA);
    }

    public Path pathB() {
        return Path.of("/run/netns", nsB);
    }

    /** Runs a command in namespace A ("ip" commands get -n, others ip netns exec). */
    public String inA(String... argv) throws IOException {
        return run(prefixed(nsA, argv));
    }

    public String inB(String... argv) throws IOException {
        return run(prefixed(nsB, argv));
    }

    private static String[] prefixed(String ns, String[] argv) {
        String[] out = new String[argv.length + 4];
        out[0] = "ip";
        out[1] = "netns";
        out[2] = "exec";
        out[3] = ns;
        System.arraycopy(argv, 0, out, 4, argv.length);
        return out;
    }

    /** Runs a command, asserting it exits 0 within 10 s; returns its standard output. */
    public static String run(String... argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), String.join(" ", argv) + " did not finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + String.join(" ", argv), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", argv) + ": " + out);
        return out;
    }

    @Override
    public void close() {
        for (String ns : new String[] {nsA, nsB}) {
            try {
                new ProcessBuilder("ip", "netns", "del", ns).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                // best effort: the other namespace must still be deleted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
