package io.ipvsd.daemon.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One writer per state directory: the daemon holds this for its whole life, and `ipvsctl apply`
 * for its pass, so two of them never reconcile one kernel and one state file at once.
 *
 * <p>The lock is {@link FileChannel#tryLock()}: on Linux an fcntl(F_SETLK) record lock on
 * {@code ipvsd.lock}, which the kernel drops when the holder dies (even by kill -9), so a crash
 * never leaves a stale lock to clean up. (flock(2) would behave the same but needs a native call;
 * the two kinds do not see each other, so every ipvsd process must use this class.) fcntl locks
 * belong to the process and are released when any descriptor of the file is closed in it, so this
 * process never opens the file anywhere else. The holder's PID is written into the file for the
 * message a refused process prints; the lock, not the file's content, is what excludes.
 */
public final class StateDirLock implements AutoCloseable {
    public static final String FILE_NAME = "ipvsd.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StateDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Another process holds the lock. */
    public static final class HeldException extends IOException {
        private final String holder;

        HeldException(Path file, String holder) {
            super(file + " is locked by " + (holder.isEmpty() ? "another process" : "process " + holder));
            this.holder = holder;
        }

        /** The PID the holder wrote, or "" if it has not written it yet. */
        public String holder() {
            return holder;
        }
    }

    /** Takes the lock of {@code stateDir} (created 0700 if missing) without waiting. */
    public static StateDirLock acquire(Path stateDir) throws IOException {
        if (!Files.isDirectory(stateDir)) {
            Files.createDirectories(stateDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path file = stateDir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // This process already holds it (the JVM's own bookkeeping, not the kernel's).
                lock = null;
            }
            if (lock == null) {
                throw new HeldException(file, readHolder(channel));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new StateDirLock(channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    }

    /** Releases the lock; the file stays (removing it would race a process about to lock it). */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            lock.release();
            channel.close();
        }
    }
}
