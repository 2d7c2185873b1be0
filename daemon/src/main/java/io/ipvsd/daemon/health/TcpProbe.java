package io.ipvsd.daemon.health;

import java.net.InetSocketAddress;
import java.time.Duration;

/** keepalived's TCP_CHECK: the real server is up if it accepts a connection within the timeout. */
final class TcpProbe extends NioProbe {
    TcpProbe(InetSocketAddress address, InetSocketAddress bind, Duration timeout) {
        super(address, bind, timeout);
    }

    @Override
    protected void connected() {
        finish(CheckResult.success("connected"));
    }

    @Override
    protected void ready() {
        // Never asked for: the probe is finished as soon as it is connected.
    }
}
