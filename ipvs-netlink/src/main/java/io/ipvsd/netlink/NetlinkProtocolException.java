package io.ipvsd.netlink;

import java.io.IOException;

/** A reply that does not follow the netlink format: truncated, mis-framed or of the wrong kind. */
public class NetlinkProtocolException extends IOException {
    public NetlinkProtocolException(String message) {
        super(message);
    }
}
