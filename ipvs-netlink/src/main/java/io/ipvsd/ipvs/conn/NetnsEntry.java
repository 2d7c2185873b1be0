package io.ipvsd.ipvs.conn;

import io.ipvsd.netlink.Errno;
import java.io.IOException;
import java.nio.file.Path;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.SaveError;

/** Moves the calling thread into a network namespace (setns(2) on an nsfs file). */
final class NetnsEntry {
    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    private NetnsEntry() {
    }

    static void enter(Path netnsPath) throws IOException {
        int fd = LIBC.open(netnsPath.toString(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw new IOException("cannot open network namespace " + netnsPath + ": " + Errno.describe(errno()));
        }
        try {
            if (LIBC.setns(fd, CLONE_NEWNET) < 0) {
                throw new IOException("cannot enter network namespace " + netnsPath + ": " + Errno.describe(errno()));
            }
        } finally {
            LIBC.close(fd);
        }
    }

    private static int errno() {
        return LastError.getLastError(Runtime.getRuntime(LIBC));
    }

    /** Public only because jnr implements it from another class loader. */
    public interface LibC {
        @SaveError
        int open(String path, int flags);

        @SaveError
        int setns(int fd, int nstype);

        int close(int fd);
    }
}
