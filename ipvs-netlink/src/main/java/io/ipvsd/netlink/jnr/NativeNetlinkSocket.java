package io.ipvsd.netlink.jnr;

import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.NetlinkException;
import io.ipvsd.netlink.NetlinkSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/** A raw AF_NETLINK socket. */
final class NativeNetlinkSocket implements NetlinkSocket {
    /**
     * Large enough for one dump datagram (the kernel fills at most 32 KiB per datagram for
     * dumps, more for big single replies) and the acks of a pipelined chunk.
     */
    private static final int RECEIVE_BUFFER = 1 << 20;
    private static final int CLOSED = -1;

    private final AtomicInteger fd;
    private final int portId;
    /** Native memory, so a receive copies only the bytes that came, not the whole buffer. */
    private final Pointer receiveBuffer = Memory.allocateDirect(Native.RUNTIME, RECEIVE_BUFFER);

    private NativeNetlinkSocket(int fd, int portId) {
        this.fd = new AtomicInteger(fd);
        this.portId = portId;
    }

    /** Opens, configures and binds a socket in the calling thread's network namespace. */
    static NativeNetlinkSocket open(int protocol, int kernelBufferBytes) throws IOException {
        Native.LibC c = Native.LIBC;
        int fd = c.socket(Native.LibC.AF_NETLINK, Native.LibC.SOCK_RAW | Native.LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw new NetlinkException("socket(AF_NETLINK, " + protocol + ")", Native.errno(), null, 0);
        }
        try {
            // Extended acks give the kernel's reason for a refusal; capped acks keep each ack small.
            setOption(fd, Native.LibC.SOL_NETLINK, Native.LibC.NETLINK_EXT_ACK, 1, false);
            setOption(fd, Native.LibC.SOL_NETLINK, Native.LibC.NETLINK_CAP_ACK, 1, false);
            // Pipelined writes put many acks in the queue before we read: size it for them.
            // The *FORCE options need CAP_NET_ADMIN; without it fall back to the capped ones.
            if (!setOption(fd, Native.LibC.SOL_SOCKET, Native.LibC.SO_RCVBUFFORCE, kernelBufferBytes, true)) {
                setOption(fd, Native.LibC.SOL_SOCKET, Native.LibC.SO_RCVBUF, kernelBufferBytes, false);
            }
            if (!setOption(fd, Native.LibC.SOL_SOCKET, Native.LibC.SO_SNDBUFFORCE, kernelBufferBytes, true)) {
                setOption(fd, Native.LibC.SOL_SOCKET, Native.LibC.SO_SNDBUF, kernelBufferBytes, false);
            }
            byte[] addr = sockaddrNl(0);
            if (c.bind(fd, addr, addr.length) < 0) {
                throw new NetlinkException("bind(netlink)", Native.errno(), null, 0);
            }
            int[] len = {addr.length};
            byte[] bound = new byte[addr.length];
            if (c.getsockname(fd, bound, len) < 0) {
                throw new NetlinkException("getsockname(netlink)", Native.errno(), null, 0);
            }
            int portId = ByteBuffer.wrap(bound).order(ByteOrder.nativeOrder()).getInt(4);
            return new NativeNetlinkSocket(fd, portId);
        } catch (IOException | RuntimeException e) {
            c.close(fd);
            throw e;
        }
    }

    private static boolean setOption(int fd, int level, int option, int value, boolean mayFail) throws IOException {
        if (Native.LIBC.setsockopt(fd, level, option, new int[] {value}, 4) == 0) {
            return true;
        }
        int errno = Native.errno();
        if (mayFail) {
            return false;
        }
        throw new NetlinkException("setsockopt(" + level + ", " + option + ")", errno, null, 0);
    }

    /** struct sockaddr_nl { sa_family_t nl_family; unsigned short pad; u32 nl_pid; u32 nl_groups; } */
    private static byte[] sockaddrNl(int pid) {
        return ByteBuffer.allocate(12).order(ByteOrder.nativeOrder())
                .putShort((short) Native.LibC.AF_NETLINK).putShort((short) 0).putInt(pid).putInt(0).array();
    }

    @Override
    public int portId() {
        return portId;
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        int f = openFd();
        while (true) {
            long n = Native.LIBC.send(f, datagram, datagram.length, 0);
            if (n >= 0) {
                if (n != datagram.length) {
                    throw new IOException("netlink send wrote " + n + " of " + datagram.length + " bytes");
                }
                return;
            }
            int errno = Native.errno();
            if (errno != Errno.EINTR) {
                throw new NetlinkException("send(netlink)", errno, null, 0);
            }
        }
    }

    @Override
    public byte[] receive(long deadlineNanos) throws IOException {
        int f = openFd();
        byte[] pollfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                .putInt(f).putShort((short) Native.LibC.POLLIN).putShort((short) 0).array();
        while (true) {
            long n = Native.LIBC.recv(f, receiveBuffer, RECEIVE_BUFFER, Native.LibC.MSG_DONTWAIT | Native.LibC.MSG_TRUNC);
            if (n >= 0) {
                if (n > RECEIVE_BUFFER) {
                    throw new IOException("netlink datagram of " + n + " bytes exceeds the "
                            + RECEIVE_BUFFER + "-byte receive buffer");
                }
                byte[] datagram = new byte[(int) n];
                receiveBuffer.get(0, datagram, 0, datagram.length);
                return datagram;
            }
            int errno = Native.errno();
            if (errno == Errno.ENOBUFS) {
                throw new NetlinkException("recv(netlink)", errno, "socket receive queue overflowed: replies were lost", 0);
            }
            if (errno != Errno.EAGAIN && errno != Errno.EINTR) {
                throw new NetlinkException("recv(netlink)", errno, null, 0);
            }
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return null;
            }
            int waitMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(remaining)));
            if (Native.LIBC.poll(pollfd, 1, waitMillis) < 0) {
                int pollErrno = Native.errno();
                if (pollErrno != Errno.EINTR) {
                    throw new NetlinkException("poll(netlink)", pollErrno, null, 0);
                }
            }
        }
    }

    private int openFd() throws IOException {
        int f = fd.get();
        if (f == CLOSED) {
            throw new IOException("netlink socket is closed");
        }
        return f;
    }

    @Override
    public void close() {
        int f = fd.getAndSet(CLOSED);
        if (f != CLOSED) {
            Native.LIBC.close(f);
        }
    }
}
