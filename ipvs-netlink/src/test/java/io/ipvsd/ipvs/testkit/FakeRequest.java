package io.ipvsd.ipvs.testkit;

import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.wire.IpvsGenl;

/**
 * An IPVS request as a failure rule of {@link FakeIpvsKernel} sees it.
 *
 * @param cmd         the IPVS_CMD_* ({@link IpvsGenl})
 * @param service     the service it names, or null
 * @param destination the destination it names, or null
 */
public record FakeRequest(int cmd, ServiceKey service, DestinationKey destination) {

    /** Commands that change the kernel's state. */
    public boolean isWrite() {
        return switch (cmd) {
            case IpvsGenl.CMD_NEW_SERVICE, IpvsGenl.CMD_SET_SERVICE, IpvsGenl.CMD_DEL_SERVICE,
                    IpvsGenl.CMD_NEW_DEST, IpvsGenl.CMD_SET_DEST, IpvsGenl.CMD_DEL_DEST,
                    IpvsGenl.CMD_NEW_DAEMON, IpvsGenl.CMD_DEL_DAEMON, IpvsGenl.CMD_SET_CONFIG,
                    IpvsGenl.CMD_ZERO, IpvsGenl.CMD_FLUSH -> true;
            default -> false;
        };
    }
}
