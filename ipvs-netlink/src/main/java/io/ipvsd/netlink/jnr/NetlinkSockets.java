package io.ipvsd.netlink.jnr;

import io.ipvsd.netlink.NetlinkSocket;
import java.io.IOException;
import java.nio.file.Path;

/** Opens real netlink sockets, in this process's network namespace or in another one. */
public final class NetlinkSockets {
    /** Kernel-side send and receive queue size asked for (the kernel doubles it). */
    private static final int KERNEL_BUFFER = 8 << 20;

    private NetlinkSockets() {
    }

    public static NetlinkSocket open(int protocol) throws IOException {
        return NativeNetlinkSocket.open(protocol, KERNEL_BUFFER);
    }

    /** Opens a socket inside the network namespace at {@code netnsPath}; it stays there. */
    public static NetlinkSocket openIn(Path netnsPath, int protocol) throws IOException {
        return Netns.callIn(netnsPath, () -> NativeNetlinkSocket.open(protocol, KERNEL_BUFFER));
    }
}
