package io.ipvsd.daemon.plan;

import io.ipvsd.ipvs.Timeouts;

public record SetTimeouts(Timeouts from, Timeouts to) implements Operation {
    @Override
    public String render() {
        return "~ timeouts tcp/tcpfin/udp " + Describe.timeouts(from) + " -> " + Describe.timeouts(to);
    }
}
