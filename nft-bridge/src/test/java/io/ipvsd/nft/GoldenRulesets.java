package io.ipvsd.nft;

import io.ipvsd.ipvs.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

/** The rulesets of the golden-byte tests, each matching an nft script in {@link GoldenBytesTest}. */
final class GoldenRulesets {
    private GoldenRulesets() {
    }

    static NftRuleset marks() {
        return new NftRuleset("ipvsd", List.of(
                new MarkRule("web", 1, List.of(ip("10.0.0.1")), Set.of(Protocol.TCP),
                        List.of(PortRange.of(80), PortRange.of(443), new PortRange(8000, 8100)),
                        List.of(MacAddress.parse("02:00:00:00:00:01"), MacAddress.parse("02:00:00:00:00:02")), "eth0"),
                new MarkRule("dns", 2, List.of(ip("10.0.0.2"), ip("10.0.0.3")), Set.of(Protocol.TCP, Protocol.UDP),
                        List.of(PortRange.of(53)), List.of(), null),
                new MarkRule("sip6", 3, List.of(ip("2001:db8::1")), Set.of(Protocol.SCTP),
                        List.of(new PortRange(8000, 8100)), List.of(), null)),
                List.of());
    }

    static NftRuleset masquerades() {
        return new NftRuleset("ipvsd", List.of(), List.of(
                new MasqueradeRule("lan", new Prefix(ip("192.168.1.0"), 25), "eth1", List.of(ip("10.0.0.1"), ip("10.0.0.2"))),
                new MasqueradeRule("lan6", new Prefix(ip("2001:db8::"), 64), null, List.of(ip("2001:db8::1"))),
                new MasqueradeRule("all", null, null, List.of())));
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
