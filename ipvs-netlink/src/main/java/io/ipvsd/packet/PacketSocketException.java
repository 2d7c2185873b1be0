package io.ipvsd.packet;

import io.ipvsd.netlink.Errno;
import java.io.IOException;

/** The kernel refused a socket call: carries what was asked (op) and the errno. */
public class PacketSocketException extends IOException {
    private final String op;
    private final int errno;

    public PacketSocketException(String op, int errno) {
        super(op + ": " + Errno.describe(errno));
        this.op = op;
        this.errno = errno;
    }

    public String op() {
        return op;
    }

    /** Positive errno value, e.g. {@link Errno#ENOBUFS}. */
    public int errno() {
        return errno;
    }
}
