package io.ipvsd.daemon.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock between processes: the holder is another JVM, as a second daemon would see it. */
class StateDirLockTest {
    @TempDir
    Path dir;

    /** Run in a child JVM: takes the lock, says so, holds it until its standard input closes. */
    public static void main(String[] args) throws Exception {
        try (StateDirLock lock = StateDirLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // holding
            }
        }
    }

    @Test
    void aSecondProcessIsRefusedWithTheHoldersPidUntilTheHolderExits() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                StateDirLockTest.class.getName(), dir.toString())).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());

            StateDirLock.HeldException refused = assertThrows(StateDirLock.HeldException.class, () -> StateDirLock.acquire(dir));
            assertEquals(Long.toString(holder.pid()), refused.holder());
            assertTrue(refused.getMessage().endsWith("is locked by process " + holder.pid()), refused.getMessage());
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
        }
        try (StateDirLock mine = StateDirLock.acquire(dir)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve(StateDirLock.FILE_NAME)));
        }
    }

    @Test
    void aHolderKilledOutrightLeavesNoStaleLock() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                StateDirLockTest.class.getName(), dir.toString())).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("locked", out.readLine());
        holder.destroyForcibly();
        assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
        try (StateDirLock mine = StateDirLock.acquire(dir)) {
            assertTrue(Files.exists(dir.resolve(StateDirLock.FILE_NAME)));
        }
    }

    @Test
    void takingItTwiceInOneProcessIsRefusedToo() throws Exception {
        try (StateDirLock first = StateDirLock.acquire(dir)) {
            StateDirLock.HeldException e = assertThrows(StateDirLock.HeldException.class, () -> StateDirLock.acquire(dir));
            assertEquals(Long.toString(ProcessHandle.current().pid()), e.holder());
        }
        StateDirLock.acquire(dir).close();
    }
}
