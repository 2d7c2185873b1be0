package io.ipvsd.daemon.config;

import io.ipvsd.nft.PortRange;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import static io.ipvsd.daemon.config.ConfigTesting.config;
import static io.ipvsd.daemon.config.ConfigTesting.errors;
import static io.ipvsd.daemon.config.ConfigTesting.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MarkRuleConfigTest {

    @Test
    void everyKey() throws Exception {
        MarkRuleConfig mark = config("""
                [[mark]]
                fwmark = 7
                addresses = ["2001:db8::20", "2001:db8::21"]
                protocols = ["udp", "tcp"]
                ports = [53, "8000-8100"]
                exclude_source_macs = ["52:54:00:AB:cd:01"]
                in_interface = "eth0"
                [[service]]
                fwmark = 7
                family = "ipv6"
                """).marks().get(0);

        assertEquals(new MarkRuleConfig(7, Family.IPV6,
                List.of(InetAddress.getByName("2001:db8::20"), InetAddress.getByName("2001:db8::21")),
                Set.of(Protocol.TCP, Protocol.UDP), List.of(new PortRange(53, 53), new PortRange(8000, 8100)),
                List.of("52:54:00:ab:cd:01"), "eth0", new SourcePos(1, 1)), mark);
        assertEquals(List.of(Protocol.TCP, Protocol.UDP), List.copyOf(mark.protocols()));
        assertEquals("8000-8100", mark.ports().get(1).toString());
    }

    @Test
    void aRuleWithoutProtocolOrPortsMarksEverythingToItsAddresses() throws Exception {
        MarkRuleConfig mark = config("""
                [[mark]]
                fwmark = 5
                address = "192.0.2.20"
                """).marks().get(0);

        assertEquals(new MarkRuleConfig(5, Family.IPV4, List.of(InetAddress.getByName("192.0.2.20")), Set.of(),
                List.of(), List.of(), null, new SourcePos(1, 1)), mark);
    }

    @Test
    void aMarkNoServiceUsesIsOnlyAWarning() {
        assertEquals(List.of("test.toml:4:1: mark: no service uses fwmark 5 for IPv6 (FWM 5 IPv6); "
                        + "the packets are marked but not balanced"),
                warnings("""
                        [[mark]]
                        fwmark = 5
                        address = "192.0.2.20"
                        [[mark]]
                        fwmark = 5
                        address = "2001:db8::20"
                        [[service]]
                        fwmark = 5
                        """));
    }

    @Test
    void everyBadValueIsReported() {
        assertEquals(List.of(
                        "test.toml:2:10: mark.fwmark: must be in 1..4294967295, got 0",
                        "test.toml:3:28: mark.addresses: IPv6 address in a rule whose addresses are IPv4 "
                                + "(write one rule per family)",
                        "test.toml:4:1: mark.ports: needs protocol or protocols (a port belongs to a protocol)",
                        "test.toml:4:14: mark.ports: empty port range \"8100-8000\": first port is above last",
                        "test.toml:4:27: mark.ports: ports must be in 1..65535, got \"0-10\"",
                        "test.toml:4:35: mark.ports: not a port or port range: \"http\" (expected e.g. 443 or \"8000-8100\")",
                        "test.toml:4:43: mark.ports: must be in 1..65535, got 70000",
                        "test.toml:5:24: mark.exclude_source_macs: not a MAC address: \"52:54:00:12:34\" "
                                + "(expected e.g. \"52:54:00:12:34:56\")",
                        "test.toml:6:16: mark.in_interface: not an interface name: \"this-name-is-too-long\" "
                                + "(1 to 15 characters, no '/', ':' or spaces)",
                        "test.toml:10:1: mark.addresses: give either address or addresses, not both",
                        "test.toml:12:1: mark.protocols: give either protocol or protocols, not both",
                        "test.toml:13:1: mark: missing required key \"address\" (or \"addresses\")",
                        "test.toml:15:13: mark.protocols: must not be empty (leave it out to match any protocol)"),
                errors("""
                        [[mark]]
                        fwmark = 0
                        addresses = ["192.0.2.20", "2001:db8::20"]
                        ports = [80, "8100-8000", "0-10", "http", 70000]
                        exclude_source_macs = ["52:54:00:12:34"]
                        in_interface = "this-name-is-too-long"
                        [[mark]]
                        fwmark = 2
                        address = "192.0.2.21"
                        addresses = ["192.0.2.22"]
                        protocol = "tcp"
                        protocols = ["udp"]
                        [[mark]]
                        fwmark = 3
                        protocols = []
                        """));
    }
}
