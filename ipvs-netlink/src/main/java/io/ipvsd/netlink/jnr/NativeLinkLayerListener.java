package io.ipvsd.netlink.jnr;

import io.ipvsd.netlink.Errno;
import io.ipvsd.packet.LinkLayerListener;
import io.ipvsd.packet.PacketSocketException;
import java.io.IOException;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * An AF_PACKET/SOCK_RAW socket bound to one interface and one ethertype. It is opened with
 * protocol 0, which receives nothing, and gets its ethertype from bind(): opened with the
 * ethertype it would queue that type's frames from every interface until bind() narrows it, and
 * a caller would take those for frames on its own interface.
 */
final class NativeLinkLayerListener implements LinkLayerListener {
    /** recv() copies at most this much of a frame and drops the rest: ARP needs 60 bytes. */
    private static final int FRAME_LENGTH = 2048;

    private final GuardedFd fd;
    private final Object receiveLock = new Object();
    private final Pointer receiveMemory = Memory.allocateDirect(Native.RUNTIME, FRAME_LENGTH);

    private NativeLinkLayerListener(GuardedFd fd) {
        this.fd = fd;
    }

    /** Opens and binds the socket in the calling thread's network namespace. */
    static NativeLinkLayerListener open(String interfaceName, int etherType) throws IOException {
        if (etherType < 0x0600 || etherType > 0xffff) {
            throw new IllegalArgumentException(String.format("ethertype 0x%x is not in 0x0600..0xffff", etherType));
        }
        int ifindex = RawSockets.ifindex(interfaceName);
        String what = String.format("packet listener (ethertype 0x%04x) on %s", etherType, interfaceName);
        int fd = Native.LIBC.socket(Native.LibC.AF_PACKET, Native.LibC.SOCK_RAW | Native.LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new PacketSocketException("socket(" + what + ")", Native.errno());
        }
        byte[] local = SocketStructs.sockaddrLl(etherType, ifindex);
        if (Native.LIBC.bind(fd, local, local.length) < 0) {
            int errno = Native.errno();
            Native.LIBC.close(fd);
            throw new PacketSocketException("bind(" + what + ")", errno);
        }
        return new NativeLinkLayerListener(new GuardedFd(fd, what));
    }

    @Override
    public byte[] receive(long deadlineNanos) throws IOException {
        synchronized (receiveLock) {
            while (true) {
                byte[] frame = fd.use(f -> receiveSlice(f, deadlineNanos));
                if (frame != null || deadlineNanos - System.nanoTime() <= 0) {
                    return frame;
                }
            }
        }
    }

    /** One recv, and when nothing is queued one poll of at most a slice; null when nothing came. */
    private byte[] receiveSlice(int f, long deadlineNanos) throws IOException {
        long n = Native.LIBC.recv(f, receiveMemory, FRAME_LENGTH, Native.LibC.MSG_DONTWAIT);
        if (n >= 0) {
            byte[] frame = new byte[(int) n];
            receiveMemory.get(0, frame, 0, frame.length);
            return frame;
        }
        int errno = Native.errno();
        // ENETDOWN is reported once when the interface goes down; the binding survives and
        // frames come again when it is back up, so the wait goes on.
        if (errno != Errno.EAGAIN && errno != Errno.EINTR && errno != Errno.ENETDOWN) {
            throw new PacketSocketException("recv(" + fd.what() + ")", errno);
        }
        fd.awaitReadable(f, deadlineNanos);
        return null;
    }

    @Override
    public void close() {
        fd.close();
    }
}
