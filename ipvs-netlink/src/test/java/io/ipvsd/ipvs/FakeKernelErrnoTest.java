package io.ipvsd.ipvs;

import io.ipvsd.ipvs.testkit.FakeIpvsKernel;
import io.ipvsd.ipvs.testkit.IpvsErrnoContract;
import io.ipvsd.netlink.Connection;
import java.time.Duration;

/** The fake kernel refuses like Linux 6.1 did in the VM. */
class FakeKernelErrnoTest extends IpvsErrnoContract {
    private final FakeIpvsKernel kernel = new FakeIpvsKernel();

    @Override
    protected IpvsClient openClient() throws java.io.IOException {
        return IpvsClient.over(new Connection(kernel, Duration.ofSeconds(1)));
    }

    @Override
    protected Connection openRawConnection() {
        return new Connection(kernel, Duration.ofSeconds(1));
    }

    @Override
    protected IpvsClient openSeparateKernel() throws java.io.IOException {
        return IpvsClient.over(new Connection(new FakeIpvsKernel(), Duration.ofSeconds(1)));
    }
}
