package io.ipvsd.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ipvsd.nft.testkit.Netns;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon (a child JVM running io.ipvsd.daemon.Ipvsd in a network namespace of its own)
 * against a listener on a real AF_UNIX datagram socket given as NOTIFY_SOCKET, as systemd gives
 * it. Every datagram is checked: only the assignments ipvsd may send, RELOADING=1 only with
 * MONOTONIC_USEC on this machine's CLOCK_MONOTONIC, READY=1 only once a pass converged.
 */
class NotifyProtocolHostTest {
    private static final Set<String> KEYS = Set.of("READY", "STATUS", "RELOADING", "MONOTONIC_USEC", "WATCHDOG", "STOPPING");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Z_]+)=(.*)");
    private static final long WATCHDOG_USEC = 3_000_000;
    /** A JVM start and the first pass; generous for a loaded host. */
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path dir;

    private final BlockingQueue<String> datagrams = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final List<Long> watchdogAt = new ArrayList<>();

    @Test
    void daemonTellsSystemdWhatItDoes() throws Exception {
        Path socket = dir.resolve("notify.sock");
        Path config = dir.resolve("ipvsd.toml");
        // No kernel has this sysctl: every pass has a refused change, so no READY=1.
        Files.writeString(config, daemonSection() + "[sysctl]\n\"net.ipv4.ipvsd_test_no_such_sysctl\" = 1\n");
        try (Netns netns = Netns.create();
             UnixDatagramChannel listener = UnixDatagramChannel.open()) {
            listener.bind(new UnixSocketAddress(socket.toString()));
            Thread reader = new Thread(() -> receive(listener), "notify-listener");
            reader.setDaemon(true);
            reader.start();

            ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", netns.name(),
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), "io.ipvsd.daemon.Ipvsd", "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile());
            pb.environment().put("NOTIFY_SOCKET", socket.toString());
            pb.environment().put("WATCHDOG_USEC", Long.toString(WATCHDOG_USEC));
            Process daemon = pb.start();
            try {
                // Not converged: STATUS says so, twice (two passes), and no READY=1.
                String first = next(WAIT_SECONDS);
                assertTrue(first.startsWith("STATUS=starting, not converged yet: 0 services, 0/0 real servers up, last pass "),
                        first);
                assertTrue(first.endsWith(" applied 1 changes, 1 refused by the kernel"), first);
                String second = next(10);
                assertTrue(second.startsWith("STATUS=starting, not converged yet"), second);

                // A file the kernel can follow, and SIGHUP: still starting, so no RELOADING=1; the
                // next pass converges and READY=1 comes with the STATUS line.
                Files.writeString(config, daemonSection());
                signal(daemon, "HUP");
                String ready = next(10);
                while (ready.startsWith("STATUS=starting")) {
                    ready = next(10);
                }
                assertTrue(ready.startsWith("READY=1\nSTATUS=0 services, 0/0 real servers up, last pass "), ready);
                assertTrue(ready.endsWith(" in sync"), ready);

                // A broken file: RELOADING=1 with the time of CLOCK_MONOTONIC, then READY=1 saying
                // the reload was not accepted.
                Files.writeString(config, daemonSection() + "[[service]]\nprotocol = \"tcp\"\n");
                long before = System.nanoTime() / 1_000;
                signal(daemon, "HUP");
                String reloading = next(10);
                long after = System.nanoTime() / 1_000;
                while (reloading.startsWith("STATUS=")) {
                    reloading = next(10);
                    after = System.nanoTime() / 1_000;
                }
                String[] lines = reloading.split("\n");
                assertEquals(2, lines.length, reloading);
                assertEquals("RELOADING=1", lines[0]);
                assertTrue(lines[1].startsWith("MONOTONIC_USEC="), reloading);
                long usec = Long.parseLong(lines[1].substring("MONOTONIC_USEC=".length()));
                assertTrue(before <= usec && usec <= after, before + " <= " + usec + " <= " + after);
                String reloaded = next(10);
                assertTrue(reloaded.startsWith("READY=1\nSTATUS=0 services"), reloaded);
                assertTrue(reloaded.contains("not accepted, previous configuration running"), reloaded);

                // Idle between passes, the loop goes on sending WATCHDOG=1 (every quarter period).
                awaitWatchdogs(3, 10);

                // SIGTERM: STOPPING=1, exit 0.
                signal(daemon, "TERM");
                String stopping = next(10);
                while (stopping.startsWith("STATUS=")) {
                    stopping = next(10);
                }
                assertTrue(stopping.startsWith("STOPPING=1\n"), stopping);
                assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "the daemon did not exit after SIGTERM");
                assertEquals(0, daemon.exitValue(), Files.readString(dir.resolve("daemon.log")));
            } finally {
                daemon.destroyForcibly();
            }
            // The loop sent WATCHDOG=1 throughout, each well within the period systemd allows.
            assertTrue(watchdogAt.size() >= 3, "watchdog datagrams: " + watchdogAt.size() + " in " + seenSoFar());
            for (int i = 1; i < watchdogAt.size(); i++) { // (the reader has stopped adding: the daemon is gone)
                long gap = watchdogAt.get(i) - watchdogAt.get(i - 1);
                assertTrue(gap < WATCHDOG_USEC / 2, "WATCHDOG=1 " + gap + " us after the previous one");
            }
            for (String d : seenSoFar()) {
                check(d);
            }
        }
    }

    private String daemonSection() {
        return "[daemon]\ninterval = \"1s\"\nstate_dir = \"" + dir.resolve("state") + "\"\ncontrol_socket = \""
                + dir.resolve("ctl.sock") + "\"\n";
    }

    /** Every datagram: KEY=VALUE lines of known keys; RELOADING=1 only with MONOTONIC_USEC. */
    private static void check(String datagram) {
        List<String> keys = new ArrayList<>();
        for (String line : datagram.split("\n")) {
            var m = ASSIGNMENT.matcher(line);
            assertTrue(m.matches() && KEYS.contains(m.group(1)), "not an sd_notify assignment ipvsd sends: " + line);
            keys.add(m.group(1));
        }
        assertEquals(keys.contains("RELOADING"), keys.contains("MONOTONIC_USEC"), datagram);
    }

    /** The next datagram other than WATCHDOG=1 (those are recorded with their arrival time). */
    private void awaitWatchdogs(int count, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            synchronized (seen) {
                if (watchdogAt.size() >= count) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                fail("fewer than " + count + " WATCHDOG=1 within " + seconds + " s; so far: " + seenSoFar());
            }
            Thread.sleep(50);
        }
    }

    private String next(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String d = datagrams.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (d == null) {
                fail("no datagram within " + seconds + " s; so far: " + seenSoFar());
            }
            if (!d.equals("WATCHDOG=1")) {
                return d;
            }
        }
    }

    private List<String> seenSoFar() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private void receive(UnixDatagramChannel listener) {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        try {
            while (true) {
                buf.clear();
                listener.receive(buf);
                buf.flip();
                String d = StandardCharsets.UTF_8.decode(buf).toString();
                synchronized (seen) {
                    seen.add(d);
                    if (d.equals("WATCHDOG=1")) {
                        watchdogAt.add(System.nanoTime() / 1_000);
                    }
                }
                datagrams.add(d);
            }
        } catch (IOException e) {
            // closed at the end of the test
        }
    }

    private static void signal(Process p, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name);
    }
}
