package io.ipvsd.kerneltest.ipvs;

import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.testkit.IpvsErrnoContract;
import io.ipvsd.kerneltest.FreshNetns;
import io.ipvsd.netlink.Connection;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.jnr.NetlinkSockets;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The errno contract against the real kernel, each case in fresh network namespaces. */
@Tag("kernel")
class IpvsErrnoKernelTest extends IpvsErrnoContract {
    @RegisterExtension
    final FreshNetns netns = new FreshNetns();

    @RegisterExtension
    final FreshNetns other = new FreshNetns();

    @Override
    protected IpvsClient openClient() throws IOException {
        return IpvsClient.open(netns.path());
    }

    @Override
    protected Connection openRawConnection() throws IOException {
        return new Connection(NetlinkSockets.openIn(netns.path(), Netlink.NETLINK_GENERIC), Duration.ofSeconds(10));
    }

    @Override
    protected IpvsClient openSeparateKernel() throws IOException {
        return IpvsClient.open(other.path());
    }
}
