package io.ipvsd.daemon.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.ipvsd.daemon.config.ConfigTesting.config;
import static io.ipvsd.daemon.config.ConfigTesting.error;
import static io.ipvsd.daemon.config.ConfigTesting.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceConfigTest {

    private static VirtualServiceConfig onlyService(String toml) {
        List<VirtualServiceConfig> services = config(toml).services();
        assertEquals(1, services.size());
        return services.get(0);
    }

    @Test
    void everyServiceKey() throws Exception {
        VirtualServiceConfig service = onlyService("""
                [[service]]
                name = "sip"
                protocol = "udp"
                address = "2001:db8::10"
                port = 5060
                scheduler = "sh"
                scheduler_flags = ["sh-port", "sh-fallback"]
                persistence = { timeout = "10m", netmask = 64 }
                one_packet = true
                pe = "sip"
                drain_timeout = "60s"
                inhibit_on_failure = true
                quorum = 10
                quorum_hysteresis = 2
                sorry_server = { address = "2001:db8::99", port = 5080, method = "nat" }
                notify = ["/usr/local/bin/lb-notify", "sip"]
                """);

        assertEquals(new VirtualServiceConfig("sip",
                new AddressKey(Protocol.UDP, InetAddress.getByName("2001:db8::10"), 5060),
                "sh", Set.of(SchedulerFlag.SH_FALLBACK, SchedulerFlag.SH_PORT),
                new Persistence(600, 64), true, "sip", Duration.ofSeconds(60), true, 10, 2,
                new SorryServerConfig(InetAddress.getByName("2001:db8::99"), 5080, Method.NAT, null,
                        new SourcePos(15, 16)),
                List.of("/usr/local/bin/lb-notify", "sip"), List.of(), new SourcePos(1, 1)), service);
    }

    @Test
    void defaults() throws Exception {
        VirtualServiceConfig service = onlyService("""
                [daemon]
                drain_timeout = "45s"

                [[service]]
                protocol = "tcp"
                address = "192.0.2.10"
                port = 80
                """);

        assertEquals(new VirtualServiceConfig(null, new AddressKey(Protocol.TCP, InetAddress.getByName("192.0.2.10"), 80),
                        "wlc", Set.of(), null, false, null, Duration.ofSeconds(45), false, 0, 0, null, List.of(), List.of(),
                        new SourcePos(4, 1)),
                service);
    }

    @Test
    void schedulerFlagsIterateInDeclarationOrder() {
        VirtualServiceConfig service = onlyService("""
                [[service]]
                protocol = "tcp"
                address = "192.0.2.10"
                port = 80
                scheduler = "mh"
                scheduler_flags = ["mh-port", "mh-fallback"]
                """);

        assertEquals(List.of(SchedulerFlag.MH_FALLBACK, SchedulerFlag.MH_PORT), List.copyOf(service.schedulerFlags()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            192.0.2.10   | {}                                    | 360  | 4294967295
            192.0.2.10   | { netmask = "255.255.255.0" }         | 360  | 4294967040
            192.0.2.10   | { timeout = 600, netmask = 24 }       | 600  | 4294967040
            192.0.2.10   | { netmask = 1 }                       | 360  | 2147483648
            2001:db8::10 | {}                                    | 360  | 128
            2001:db8::10 | { timeout = "1h", netmask = 48 }      | 3600 | 48
            """)
    void persistenceNetmaskIsAMaskForIpv4AndAPrefixLengthForIpv6(String address, String persistence, int timeout,
                                                                 long netmask) {
        VirtualServiceConfig service = onlyService("""
                [[service]]
                protocol = "tcp"
                address = "%s"
                port = 0
                persistence = %s
                """.formatted(address, persistence));

        assertEquals(new Persistence(timeout, netmask), service.persistence());
    }

    @Test
    void fwmarkServiceDefaultsToIpv4() {
        Config config = config("""
                [[mark]]
                fwmark = 1
                address = "192.0.2.20"

                [[mark]]
                fwmark = 1
                address = "2001:db8::20"

                [[service]]
                fwmark = 1

                [[service]]
                fwmark = 1
                family = "ipv6"
                """);

        assertEquals(List.of(new FwmarkKey(Family.IPV4, 1), new FwmarkKey(Family.IPV6, 1)),
                config.services().stream().map(VirtualServiceConfig::key).toList());
    }

    @Test
    void keysPrintLikeIpvsadm() throws Exception {
        assertEquals("TCP 192.0.2.10:80", new AddressKey(Protocol.TCP, InetAddress.getByName("192.0.2.10"), 80).toString());
        assertEquals("SCTP [2001:db8::1]:443",
                new AddressKey(Protocol.SCTP, InetAddress.getByName("2001:db8:0:0::1"), 443).toString());
        assertEquals("FWM 1 IPv4", new FwmarkKey(Family.IPV4, 1).toString());
        assertEquals("FWM 4294967295 IPv6", new FwmarkKey(Family.IPV6, 4294967295L).toString());
    }

    @Test
    void identityErrors() {
        assertEquals(List.of(
                        "test.toml:1:1: service: needs protocol, address and port, or fwmark",
                        "test.toml:2:1: service: missing required key \"port\"",
                        "test.toml:6:12: service.protocol: must be one of tcp, udp, sctp; got \"icmp\"",
                        "test.toml:7:11: service.address: not an IP address: \"192.0.2.300\"",
                        "test.toml:8:8: service.port: must be in 0..65535, got 65536",
                        "test.toml:11:11: service.address: not an IP address: \"www.example.org\"",
                        "test.toml:15:11: service.address: 0.0.0.0 cannot be used here (unspecified or multicast)",
                        "test.toml:17:1: service.family: only valid with fwmark (an address service has its address's family)"),
                errors("""
                        [[service]]
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.1"
                        [[service]]
                        protocol = "icmp"
                        address = "192.0.2.300"
                        port = 65536
                        [[service]]
                        protocol = "tcp"
                        address = "www.example.org"
                        port = 80
                        [[service]]
                        protocol = "tcp"
                        address = "0.0.0.0"
                        port = 80
                        family = "ipv4"
                        """));
    }

    @Test
    void fwmarkErrors() {
        assertEquals(List.of(
                        "test.toml:5:10: service.fwmark: must be in 1..4294967295, got 0",
                        "test.toml:7:10: service.fwmark: must be in 1..4294967295, got 4294967296",
                        "test.toml:9:10: service.fwmark: no [[mark]] rule sets fwmark 1 on IPv6 addresses",
                        "test.toml:13:1: service.address: not valid with fwmark (a fwmark service matches packets by mark)",
                        "test.toml:14:10: service.family: must be one of ipv4, ipv6; got \"inet\""),
                errors("""
                        [[mark]]
                        fwmark = 1
                        address = "192.0.2.20"
                        [[service]]
                        fwmark = 0
                        [[service]]
                        fwmark = 4294967296
                        [[service]]
                        fwmark = 1
                        family = "ipv6"
                        [[service]]
                        fwmark = 2
                        address = "192.0.2.20"
                        family = "inet"
                        """));
    }

    @Test
    void duplicateServicesAndNames() {
        assertEquals(List.of(
                        "test.toml:6:1: service: duplicate service TCP [2001:db8::1]:80 (first defined at line 1)",
                        "test.toml:7:8: service.name: duplicate service name \"web\" (first used at line 2)",
                        "test.toml:16:1: service: duplicate service FWM 1 IPv4 (first defined at line 14)"),
                errors("""
                        [[service]]
                        name = "web"
                        protocol = "tcp"
                        address = "2001:db8::1"
                        port = 80
                        [[service]]
                        name = "web"
                        protocol = "tcp"
                        address = "2001:0db8:0:0::0001"
                        port = 80
                        [[mark]]
                        fwmark = 1
                        address = "192.0.2.20"
                        [[service]]
                        fwmark = 1
                        [[service]]
                        fwmark = 1
                        family = "ipv4"
                        """));
    }

    @Test
    void sameAddressAndPortWithAnotherProtocolIsAnotherService() {
        assertEquals(2, config("""
                [[service]]
                protocol = "tcp"
                address = "192.0.2.10"
                port = 53
                [[service]]
                protocol = "udp"
                address = "192.0.2.10"
                port = 53
                """).services().size());
    }

    @Test
    void namesAreSimpleWords() {
        assertEquals("test.toml:2:8: service.name: must be letters, digits, '.', '_' or '-' (starting with a letter "
                        + "or digit), got \"my web\"",
                error("""
                        [[service]]
                        name = "my web"
                        protocol = "tcp"
                        address = "192.0.2.10"
                        port = 80
                        """));
    }

    @Test
    void schedulerErrors() {
        assertEquals(List.of(
                        "test.toml:4:13: service.scheduler: must be one of rr, wrr, lc, wlc, lblc, lblcr, dh, sh, sed, "
                                + "nq, fo, ovf, mh, twos; got \"wlcc\"",
                        "test.toml:10:20: service.scheduler_flags: \"sh-port\" is only valid with scheduler = \"sh\"",
                        "test.toml:10:31: service.scheduler_flags: must be one of sh-fallback, sh-port, mh-fallback, "
                                + "mh-port; got \"fallback\""),
                errors("""
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.10"
                        scheduler = "wlcc"
                        port = 80
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.11"
                        port = 80
                        scheduler_flags = ["sh-port", "fallback"]
                        """));
    }

    @Test
    void portZeroMeansAllPortsAndNeedsPersistence() {
        assertEquals("test.toml:4:8: service.port: 0 (all ports) needs persistence", error("""
                [[service]]
                protocol = "tcp"
                address = "192.0.2.10"
                port = 0
                """));
    }

    @Test
    void onePacketAndPersistenceEngineNeedUdp() {
        assertEquals(List.of(
                        "test.toml:5:14: service.one_packet: only valid for UDP services",
                        "test.toml:6:6: service.pe: needs persistence",
                        "test.toml:6:6: service.pe: \"sip\" only works for UDP services"),
                errors("""
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.10"
                        port = 80
                        one_packet = true
                        pe = "sip"
                        """));
    }

    @Test
    void onePacketIsAllowedOnFwmarkServices() {
        assertEquals(true, config("""
                [[mark]]
                fwmark = 3
                address = "192.0.2.53"
                [[service]]
                fwmark = 3
                one_packet = true
                """).services().get(0).onePacket());
    }

    @Test
    void persistenceErrors() {
        assertEquals(List.of(
                        "test.toml:5:27: service.persistence.timeout: must be greater than 0",
                        "test.toml:10:27: service.persistence.timeout: durations are never negative, got -5",
                        "test.toml:10:41: service.persistence.netmask: not a netmask: \"255.0.255.0\" (expected e.g. "
                                + "\"255.255.255.0\" or a prefix length 1..32)",
                        "test.toml:15:27: service.persistence.netmask: an IPv6 service takes a prefix length 1..128, "
                                + "not a dotted mask",
                        "test.toml:20:27: service.persistence.timeout: must be at most 2678400s, got 2764800s",
                        "test.toml:20:45: service.persistence.netmask: must be in 1..32, got 33",
                        "test.toml:20:49: service.persistence.granularity: unknown key"),
                errors("""
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.10"
                        port = 80
                        persistence = { timeout = 0 }
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.11"
                        port = 80
                        persistence = { timeout = -5, netmask = "255.0.255.0" }
                        [[service]]
                        protocol = "tcp"
                        address = "2001:db8::1"
                        port = 80
                        persistence = { netmask = "ffff:ffff::" }
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.12"
                        port = 80
                        persistence = { timeout = "768h", netmask = 33, granularity = 1 }
                        """));
    }

    @Test
    void quorumAndNotifyErrors() {
        assertEquals(List.of(
                        "test.toml:5:10: service.quorum: must be in 0..2147483647, got -1",
                        "test.toml:11:21: service.quorum_hysteresis: must not exceed quorum (3)",
                        "test.toml:12:10: service.notify: must not be empty",
                        "test.toml:17:24: service.notify: expected a string, got integer"),
                errors("""
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.10"
                        port = 80
                        quorum = -1
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.11"
                        port = 80
                        quorum = 3
                        quorum_hysteresis = 4
                        notify = []
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.12"
                        port = 80
                        notify = ["/bin/true", 1]
                        """));
    }

    @Test
    void serviceMustBeAnArrayOfTables() {
        assertEquals("test.toml:1:1: service: must be an array of tables: write [[service]]", error("""
                [service]
                protocol = "tcp"
                """));
    }
}
