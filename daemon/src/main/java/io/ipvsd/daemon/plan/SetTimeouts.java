package io.ipvsd.daemon.plan;

public record SetTimeouts(IpvsTimeouts from, IpvsTimeouts to) implements Operation {
    @Override
    public String render() {
        return "~ timeouts tcp/tcpfin/udp " + Describe.timeouts(from) + " -> " + Describe.timeouts(to);
    }
}
