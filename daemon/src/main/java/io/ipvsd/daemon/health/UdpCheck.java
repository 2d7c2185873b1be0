package io.ipvsd.daemon.health;

import java.util.HexFormat;

/**
 * keepalived's UDP_CHECK: send one datagram from a connected UDP socket.
 *
 * @param to             where to send it and from where
 * @param payloadHex     the datagram, as lowercase hex (a string, so that reloads compare by value)
 * @param requireReply   up only on a reply; otherwise up unless an ICMP port unreachable comes back
 *                       within the timeout
 * @param expectReplyHex lowercase hex prefix the reply must start with (empty: any reply)
 */
public record UdpCheck(CheckAddress to, String payloadHex, boolean requireReply, String expectReplyHex)
        implements CheckSpec {
    public UdpCheck {
        payloadHex = HexFormat.of().formatHex(HexFormat.of().parseHex(payloadHex));
        expectReplyHex = HexFormat.of().formatHex(HexFormat.of().parseHex(expectReplyHex));
    }

    byte[] payload() {
        return HexFormat.of().parseHex(payloadHex);
    }

    byte[] expectedPrefix() {
        return HexFormat.of().parseHex(expectReplyHex);
    }
}
