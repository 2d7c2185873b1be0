package io.ipvsd.netlink.jnr;

import io.ipvsd.netlink.NetlinkException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Runs code inside another network namespace. */
public final class Netns {
    private Netns() {
    }

    /**
     * Runs {@code body} on a short-lived thread that first enters the network namespace at
     * {@code netnsPath} (e.g. /run/netns/NAME). setns(2) moves only the calling thread, so the
     * caller's own namespace is never changed; sockets the body opens stay in that namespace, and
     * /proc/thread-self/net shows it.
     */
    public static <T> T callIn(Path netnsPath, Callable<T> body) throws IOException {
        FutureTask<T> task = new FutureTask<>(() -> {
            enter(netnsPath);
            return body.call();
        });
        Thread t = new Thread(task, "netns-" + netnsPath.getFileName());
        t.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while working in " + netnsPath);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("working in " + netnsPath + ": " + e.getCause(), e.getCause());
        }
    }

    private static void enter(Path netnsPath) throws NetlinkException {
        Native.LibC c = Native.LIBC;
        int nsFd = c.open(netnsPath.toString(), Native.LibC.O_RDONLY | Native.LibC.O_CLOEXEC);
        if (nsFd < 0) {
            throw new NetlinkException("open(" + netnsPath + ")", Native.errno(), null, 0);
        }
        try {
            if (c.setns(nsFd, Native.LibC.CLONE_NEWNET) < 0) {
                throw new NetlinkException("setns(" + netnsPath + ")", Native.errno(), null, 0);
            }
        } finally {
            c.close(nsFd);
        }
    }
}
