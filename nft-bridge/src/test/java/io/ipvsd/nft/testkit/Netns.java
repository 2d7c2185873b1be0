package io.ipvsd.nft.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away network namespace (ip netns add ipvsd-nft-RANDOM), deleted on close, with helpers
 * to run commands in it. Everything a test does to nf_tables or links happens inside namespaces
 * like this one, never in the host's.
 */
public final class Netns implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long COMMAND_TIMEOUT_SECONDS = 30;

    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** Whether namespaces can be made here (root, iproute2 and nft installed). */
    public static boolean available() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/ip"))
                && (Files.isExecutable(Path.of("/usr/sbin/nft")) || Files.isExecutable(Path.of("/sbin/nft")));
    }

    public static Netns create() throws IOException {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        Netns ns = new Netns("ipvsd-nft-" + HexFormat.of().formatHex(suffix));
        run(List.of("ip", "netns", "add", ns.name));
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    public Path path() {
        return Path.of("/run/netns", name);
    }

    /** Runs a command inside the namespace; returns its standard output, throws if it fails. */
    public String exec(String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return run(full);
    }

    /**
     * Connects this namespace to {@code peer} with a veth pair, made inside the namespaces so the
     * host's never sees it.
     */
    public void veth(String name, Netns peer, String peerName) throws IOException {
        exec("ip", "link", "add", name, "type", "veth", "peer", "name", peerName, "netns", peer.name);
        exec("ip", "link", "set", name, "up");
        peer.exec("ip", "link", "set", peerName, "up");
    }

    /** Runs an nft script (nft -f -) inside the namespace. */
    public String nft(String script) throws IOException {
        return run(List.of("ip", "netns", "exec", name, "nft", "-f", "-"), script);
    }

    /** Starts a long-running command inside the namespace (a listener); the caller ends it. */
    public Process start(String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return new ProcessBuilder(full).redirectErrorStream(true).start();
    }

    @Override
    public void close() throws IOException {
        run(List.of("ip", "netns", "del", name));
    }

    static String run(List<String> command) throws IOException {
        return run(command, null);
    }

    static String run(List<String> command, String input) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }
}
