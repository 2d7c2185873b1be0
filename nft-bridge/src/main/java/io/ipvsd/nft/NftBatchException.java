package io.ipvsd.nft;

import io.ipvsd.netlink.NetlinkException;

/**
 * The kernel refused a batch; nothing of it was applied. Names the operation whose message the
 * kernel answered with the error, the kernel's extended-ack text, and where in the message the
 * kernel pointed (e.g. "expression 8 (lookup)") when it did.
 */
public class NftBatchException extends NetlinkException {
    private final String location;
    private final int otherErrors;

    NftBatchException(String operation, int errno, String extAck, String location, int otherErrors, int seq) {
        super(operation + (location == null ? "" : " [kernel points at " + location + "]")
                + (otherErrors == 0 ? "" : " (and " + otherErrors + " more refused operations)"), errno, extAck, seq);
        this.location = location;
        this.otherErrors = otherErrors;
    }

    /** Where in the refused message the kernel pointed, or null. */
    public String location() {
        return location;
    }

    /** How many other operations of the batch were refused too. */
    public int otherErrors() {
        return otherErrors;
    }
}
