package io.ipvsd.netlink;

import java.io.IOException;

/**
 * The kernel refused an operation. Carries what was asked (op), the errno, the kernel's
 * extended-ack text when it sent one, and the sequence number of the refused message.
 */
public class NetlinkException extends IOException {
    private final String op;
    private final int errno;
    private final String extAck;
    private final int seq;

    public NetlinkException(String op, int errno, String extAck, int seq) {
        super(format(op, errno, extAck));
        this.op = op;
        this.errno = errno;
        this.extAck = extAck;
        this.seq = seq;
    }

    private static String format(String op, int errno, String extAck) {
        String s = op + ": " + Errno.describe(errno);
        return extAck == null || extAck.isEmpty() ? s : s + ": " + extAck;
    }

    public String op() {
        return op;
    }

    /** Positive errno value, e.g. {@link Errno#ENOENT}. */
    public int errno() {
        return errno;
    }

    /** The kernel's extended-ack message, or null. */
    public String extAck() {
        return extAck;
    }

    public int seq() {
        return seq;
    }
}
