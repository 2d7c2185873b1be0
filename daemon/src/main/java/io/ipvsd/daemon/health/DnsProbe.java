package io.ipvsd.daemon.health;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** keepalived's DNS_CHECK over UDP: the message rules are {@link DnsMessage}'s. */
final class DnsProbe extends DatagramProbe {
    private final DnsCheck spec;
    private final int id = ThreadLocalRandom.current().nextInt(0x10000);

    DnsProbe(InetSocketAddress address, InetSocketAddress bind, Duration timeout, DnsCheck spec) {
        super(address, bind, timeout, "DNS send");
        this.spec = spec;
    }

    @Override
    protected byte[] request() {
        return DnsMessage.query(id, spec.queryName(), spec.queryType());
    }

    @Override
    protected CheckResult received(byte[] datagram, int length) {
        return switch (DnsMessage.judge(id, datagram, length)) {
            case ANSWER -> CheckResult.success("DNS answer");
            case ERROR -> CheckResult.failure("DNS RCODE " + DnsMessage.rcode(datagram));
            case IGNORE -> null;
        };
    }
}
