package io.ipvsd.ipvs;

import io.ipvsd.netlink.Errno;

/**
 * The kernel's answer to one op of {@link IpvsClient#apply}.
 *
 * @param errno  0 when the op was applied, else the positive errno (e.g. EEXIST, ESRCH)
 * @param extAck the kernel's extended-ack text, or null (IPVS rarely sets one)
 */
public record IpvsOpResult(IpvsOp op, int errno, String extAck) {

    public boolean ok() {
        return errno == 0;
    }

    /** "add service TCP 192.0.2.1:80: ok" or "add service TCP 192.0.2.1:80: EEXIST (File exists)". */
    @Override
    public String toString() {
        if (ok()) {
            return op.label() + ": ok";
        }
        String s = op.label() + ": " + Errno.describe(errno);
        return extAck == null || extAck.isEmpty() ? s : s + ": " + extAck;
    }
}
