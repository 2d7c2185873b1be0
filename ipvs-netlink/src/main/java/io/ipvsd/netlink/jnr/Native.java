package io.ipvsd.netlink.jnr;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc binding, loaded once. The class is package-private so nothing outside sees jnr; the
 * nested interface is public only because jnr's generated implementation lives in another class
 * loader and must be able to implement it.
 */
final class Native {
    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private Native() {
    }

    /** The errno of the last failed call on this thread; read it once, straight after the call. */
    static int errno() {
        return LastError.getLastError(RUNTIME);
    }

    /** The few libc calls the netlink, raw IP and packet sockets need. */
    public interface LibC {
        int AF_INET = 2;
        int AF_INET6 = 10;
        int AF_NETLINK = 16;
        int AF_PACKET = 17;
        int SOCK_RAW = 3;
        int SOCK_CLOEXEC = 0x80000;
        int SOL_SOCKET = 1;
        int SO_SNDBUF = 7;
        int SO_RCVBUF = 8;
        int SO_SNDBUFFORCE = 32;
        int SO_RCVBUFFORCE = 33;
        int SOL_NETLINK = 270;
        int NETLINK_CAP_ACK = 10;
        int NETLINK_EXT_ACK = 11;
        int MSG_TRUNC = 0x20;
        int MSG_DONTWAIT = 0x40;
        int POLLIN = 0x1;
        int O_RDONLY = 0;
        int O_CLOEXEC = 0x80000;
        int CLONE_NEWNET = 0x40000000;

        @SaveError
        int socket(int domain, int type, int protocol);

        @SaveError
        int bind(int fd, @In byte[] sockaddr, int length);

        @SaveError
        int getsockname(int fd, @Out byte[] sockaddr, int[] length);

        @SaveError
        int setsockopt(int fd, int level, int option, @In int[] value, int length);

        /** For options whose value is a struct or a string (ip_mreqn, SO_BINDTODEVICE). */
        @SaveError
        int setsockopt(int fd, int level, int option, @In byte[] value, int length);

        @SaveError
        @ssize_t long send(int fd, @In byte[] buffer, @size_t long length, int flags);

        @SaveError
        @ssize_t long sendto(int fd, @In byte[] buffer, @size_t long length, int flags,
                @In byte[] address, int addressLength);

        /** msghdr and everything it points to live in native memory the caller laid out. */
        @SaveError
        @ssize_t long recvmsg(int fd, Pointer msghdr, int flags);

        /** 0 when there is no such interface (errno ENODEV). */
        @SaveError
        int if_nametoindex(String name);

        /** Into native memory: an {@code @Out byte[]} would be copied back whole on every call. */
        @SaveError
        @ssize_t long recv(int fd, Pointer buffer, @size_t long length, int flags);

        /** pollfds: struct pollfd {int fd; short events; short revents;} packed in host order. */
        @SaveError
        int poll(byte[] pollfds, long count, int timeoutMillis);

        @SaveError
        int open(String path, int flags);

        @SaveError
        int setns(int fd, int nstype);

        int close(int fd);
    }
}
