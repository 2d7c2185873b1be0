package io.ipvsd.daemon.health;

import static io.ipvsd.daemon.health.Policies.loopback;
import static io.ipvsd.daemon.health.Policies.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecCheckTest {
    private static final InetAddress LOOPBACK = loopback("127.0.0.1");
    private static CheckRunner runner;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        runner = CheckRunner.start();
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    @Test
    void exitZeroIsUpAnythingElseDown() throws Exception {
        assertEquals(CheckResult.success("exit 0"), check(sh("exit 0"), false, 2000));
        assertEquals(CheckResult.failure("exit 3"), check(sh("exit 3"), false, 2000));
    }

    @Test
    void dynamicWeightFromTheExitCode() throws Exception {
        assertEquals(CheckResult.success("exit 0"), check(sh("exit 0"), true, 2000));
        assertEquals(CheckResult.failure("exit 1"), check(sh("exit 1"), true, 2000));
        assertEquals(CheckResult.success("exit 2", 0), check(sh("exit 2"), true, 2000));
        assertEquals(CheckResult.success("exit 7", 5), check(sh("exit 7"), true, 2000));
        assertEquals(CheckResult.success("exit 255", 253), check(sh("exit 255"), true, 2000));
    }

    @Test
    void realServerAndServiceArePassedInTheEnvironment() throws Exception {
        String test = "test \"$IPVSD_RS_ADDR\" = 127.0.0.1 && test \"$IPVSD_RS_PORT\" = 8080"
                + " && test \"$IPVSD_VS\" = 'TCP 127.0.0.1:80'";
        assertTrue(check(sh(test), false, 2000).ok());
    }

    @Test
    void standardInputIsClosed() throws Exception {
        assertTrue(check(List.of("cat"), false, 2000).ok(), "cat must see end-of-file, not hang");
    }

    @Test
    void hangingCommandIsKilledWithItsChildrenAtTheTimeout() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        long start = System.nanoTime();
        CheckResult result = check(sh("sleep 30 & echo $! > " + pidFile + "; wait"), false, 300);
        assertEquals(CheckResult.failure("exec timeout after 300ms"), result);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 3000);
        long child = Long.parseLong(Files.readString(pidFile).trim());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (running(child) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(running(child), "child sleep still running");
    }

    /** Gone or a zombie: orphans are reaped by whatever PID 1 the machine has, which may take a while. */
    private static boolean running(long pid) throws IOException {
        String text;
        try {
            text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException gone) {
            return false;
        }
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }

    @Test
    void missingProgramFails() throws Exception {
        CheckResult result = check(List.of(dir.resolve("no-such-program").toString()), false, 2000);
        assertFalse(result.ok());
        assertTrue(result.reason().startsWith("exec failed: "), result.reason());
    }

    private static List<String> sh(String script) {
        return List.of("sh", "-c", script);
    }

    private static CheckResult check(List<String> command, boolean dynamicWeight, int timeoutMs) throws Exception {
        TargetKey key = new TargetKey("TCP 127.0.0.1:80", LOOPBACK, 8080);
        Target target = new Target(LOOPBACK, 8080, 10,
                policy(new ExecCheck(command, dynamicWeight), 1000, timeoutMs, 1, 1, 1000, true));
        return runner.check(key, target).get(10, TimeUnit.SECONDS);
    }
}
