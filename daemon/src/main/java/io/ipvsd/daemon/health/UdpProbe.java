package io.ipvsd.daemon.health;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;

/**
 * keepalived's UDP_CHECK (check_udp.c, udp_check_thread; layer4.c, udp_socket_state): any reply that
 * starts with the expected bytes is up; an ICMP error (port or host unreachable) is down; silence until
 * the timeout is down with require_reply and up without it.
 */
final class UdpProbe extends DatagramProbe {
    private final UdpCheck spec;
    private final byte[] expectedPrefix;

    UdpProbe(InetSocketAddress address, InetSocketAddress bind, Duration timeout, UdpCheck spec) {
        super(address, bind, timeout, "UDP send");
        this.spec = spec;
        this.expectedPrefix = spec.expectedPrefix();
    }

    @Override
    protected byte[] request() {
        return spec.payload();
    }

    @Override
    protected CheckResult received(byte[] datagram, int length) {
        if (length < expectedPrefix.length
                || !Arrays.equals(datagram, 0, expectedPrefix.length, expectedPrefix, 0, expectedPrefix.length)) {
            return CheckResult.failure("UDP reply of " + length + " bytes does not start with " + spec.expectReplyHex());
        }
        return CheckResult.success("UDP reply of " + length + " bytes");
    }

    @Override
    protected CheckResult onTimeout() {
        if (spec.requireReply() || !spec.expectReplyHex().isEmpty()) {
            return super.onTimeout();
        }
        return CheckResult.success("no ICMP unreachable");
    }
}
