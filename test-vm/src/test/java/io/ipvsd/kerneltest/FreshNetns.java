package io.ipvsd.kerneltest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test a fresh network namespace, with {@code lo} up, and deletes it after the test.
 * A namespace has its own IPVS table, nf_tables ruleset and links, so tests cannot see each
 * other's state. Register one per namespace the test needs:
 *
 * <pre>{@code
 * @RegisterExtension
 * final FreshNetns netns = new FreshNetns();
 *
 * @Test
 * void listsNothing() {
 *     assertEquals(0, netns.exec("ipvsadm", "-Ln").exitCode());
 * }
 * }</pre>
 *
 * <p>Needs root and iproute2's {@code ip}; the kernel tests run in the test VM, where both are.
 */
public final class FreshNetns implements BeforeEachCallback, AfterEachCallback {

    /** How long {@link #exec(String...)} lets a command run; generous, as the VM is emulated. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private String name;

    @Override
    public void beforeEach(ExtensionContext context) {
        // The pid keeps names apart from other JVMs' (and their leftovers, if one was killed).
        String candidate = "ipvsd-kt-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        ip("netns", "add", candidate);
        name = candidate;
        ip("-n", name, "link", "set", "lo", "up");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (name != null) {
            String deleted = name;
            name = null;
            ip("netns", "delete", deleted);
        }
    }

    /** The namespace's name, as {@code ip netns} knows it. */
    public String name() {
        if (name == null) {
            throw new IllegalStateException("no namespace outside a test");
        }
        return name;
    }

    /** The namespace's bind mount, {@code /run/netns/NAME}: open it to enter the namespace. */
    public Path path() {
        return Path.of("/run/netns", name());
    }

    /** Runs {@code argv} inside the namespace ({@code ip netns exec}), waiting up to {@link #DEFAULT_TIMEOUT}. */
    public ExecResult exec(String... argv) {
        return exec(DEFAULT_TIMEOUT, argv);
    }

    /** Runs {@code argv} inside the namespace, failing the test if it runs longer than {@code timeout}. */
    public ExecResult exec(Duration timeout, String... argv) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name()));
        command.addAll(List.of(argv));
        return ExecResult.run(timeout, command);
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        ExecResult.run(DEFAULT_TIMEOUT, command).assertSuccess();
    }
}
