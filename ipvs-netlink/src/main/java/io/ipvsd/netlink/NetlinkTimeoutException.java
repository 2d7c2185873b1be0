package io.ipvsd.netlink;

import java.io.IOException;
import java.time.Duration;

/** The kernel did not answer before the call's deadline. */
public class NetlinkTimeoutException extends IOException {
    public NetlinkTimeoutException(String op, Duration timeout) {
        super(op + ": no reply from the kernel within " + timeout.toMillis() + " ms");
    }
}
