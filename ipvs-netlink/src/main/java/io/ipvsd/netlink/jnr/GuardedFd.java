package io.ipvsd.netlink.jnr;

import io.ipvsd.netlink.Errno;
import io.ipvsd.packet.PacketSocketException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A file descriptor that is never closed while a call on it is running: calls hold the read
 * lock, close() takes the write lock. Without this, a close() during another thread's poll could
 * let the kernel hand the same number to a new file, which the poller would then read. Calls must
 * be short (a receive holds it for one poll slice, not for its whole wait).
 */
final class GuardedFd {
    private static final int CLOSED = -1;
    /** A close() in another thread is noticed within one slice of a waiting receive. */
    private static final long POLL_SLICE_MILLIS = 200;

    /** What the fd is, for error messages ("raw IPv4 protocol 112 socket on eth0"). */
    private final String what;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile int fd;

    GuardedFd(int fd, String what) {
        this.fd = fd;
        this.what = what;
    }

    interface Call<T> {
        T run(int fd) throws IOException;
    }

    /** Runs {@code call} with the open fd, or throws if the fd is closed. */
    <T> T use(Call<T> call) throws IOException {
        lock.readLock().lock();
        try {
            int f = fd;
            if (f == CLOSED) {
                throw new IOException(what + " is closed");
            }
            return call.run(f);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Waits, inside a {@link #use} call, until {@code f} is readable, the deadline passes or one
     * poll slice ends, whichever comes first; the caller then reads or loops.
     */
    void awaitReadable(int f, long deadlineNanos) throws PacketSocketException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return;
        }
        long waitMillis = Math.max(1, Math.min(POLL_SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(remaining)));
        byte[] pollfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                .putInt(f).putShort((short) Native.LibC.POLLIN).putShort((short) 0).array();
        if (Native.LIBC.poll(pollfd, 1, (int) waitMillis) < 0) {
            int errno = Native.errno();
            if (errno != Errno.EINTR) {
                throw new PacketSocketException("poll(" + what + ")", errno);
            }
        }
    }

    String what() {
        return what;
    }

    /** Closes the fd once, after any running call has finished; later calls do nothing. */
    void close() {
        lock.writeLock().lock();
        try {
            if (fd != CLOSED) {
                Native.LIBC.close(fd);
                fd = CLOSED;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
