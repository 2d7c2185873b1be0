package io.ipvsd.netlink.jnr;

import io.ipvsd.netlink.NetlinkException;
import io.ipvsd.netlink.NetlinkSocket;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Opens real netlink sockets, in this process's network namespace or in another one. */
public final class NetlinkSockets {
    /** Kernel-side send and receive queue size asked for (the kernel doubles it). */
    private static final int KERNEL_BUFFER = 8 << 20;

    private NetlinkSockets() {
    }

    public static NetlinkSocket open(int protocol) throws IOException {
        return NativeNetlinkSocket.open(protocol, KERNEL_BUFFER);
    }

    /**
     * Opens a socket inside the network namespace at {@code netnsPath} (e.g. /run/netns/NAME). A
     * socket stays in the namespace it was created in, so a short-lived thread enters the
     * namespace (setns only moves the calling thread), creates the socket and ends.
     */
    public static NetlinkSocket openIn(Path netnsPath, int protocol) throws IOException {
        FutureTask<NetlinkSocket> task = new FutureTask<>(() -> {
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
            return NativeNetlinkSocket.open(protocol, KERNEL_BUFFER);
        });
        Thread t = new Thread(task, "netns-" + netnsPath.getFileName());
        t.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening a socket in " + netnsPath);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("opening a socket in " + netnsPath, e.getCause());
        }
    }
}
