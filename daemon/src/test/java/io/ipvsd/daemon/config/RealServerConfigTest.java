package io.ipvsd.daemon.config;

import io.ipvsd.daemon.health.CheckPolicy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static io.ipvsd.daemon.config.ConfigTesting.config;
import static io.ipvsd.daemon.config.ConfigTesting.error;
import static io.ipvsd.daemon.config.ConfigTesting.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RealServerConfigTest {
    /** Four lines, so the real servers of a test start at line 5. */
    private static final String TCP_80_SERVICE = """
            [[service]]
            protocol = "tcp"
            address = "192.0.2.10"
            port = 80
            """;

    private static List<RealServerConfig> reals(String toml) {
        return config(toml).services().get(0).reals();
    }

    @Test
    void everyRealServerKey() throws Exception {
        List<RealServerConfig> reals = reals(TCP_80_SERVICE + """
                  [[service.real]]
                  address = "198.51.100.11"
                  port = 8080
                  method = "nat"
                  weight = 5
                  upper_threshold = 4294967295
                  lower_threshold = 100
                """);

        assertEquals(List.of(new RealServerConfig(InetAddress.getByName("198.51.100.11"), 8080, Method.NAT, 5,
                4294967295L, 100, null, CheckPolicy.none(), new SourcePos(5, 3))), reals);
    }

    @Test
    void defaultsAreDirectRoutingToTheServicePortWithWeightOne() throws Exception {
        List<RealServerConfig> reals = reals(TCP_80_SERVICE + """
                [[service.real]]
                address = "198.51.100.11"
                """);

        assertEquals(List.of(new RealServerConfig(InetAddress.getByName("198.51.100.11"), 80, Method.DR, 1, 0, 0, null,
                CheckPolicy.none(), new SourcePos(5, 1))), reals);
    }

    @Test
    void realServersOfAFwmarkServiceHaveNoPort() {
        List<RealServerConfig> reals = reals("""
                [[mark]]
                fwmark = 1
                address = "192.0.2.20"
                [[service]]
                fwmark = 1
                [[service.real]]
                address = "198.51.100.11"
                [[service.real]]
                address = "198.51.100.12"
                method = "nat"
                port = 8443
                """);

        assertEquals(List.of(0, 8443), reals.stream().map(RealServerConfig::port).toList());
    }

    @Test
    void tunnelsDefaultToIpipAndMayCrossFamilies() {
        List<RealServerConfig> reals = reals(TCP_80_SERVICE + """
                [[service.real]]
                address = "198.51.100.11"
                method = "tun"
                [[service.real]]
                address = "198.51.100.12"
                method = "tun"
                tunnel = { type = "gue", port = 6080, checksum = "remcsum" }
                [[service.real]]
                address = "198.51.100.13"
                method = "tun"
                tunnel = { type = "gre", checksum = "csum" }
                [[service.real]]
                address = "2001:db8::13"
                method = "tun"
                """);

        assertEquals(List.of(TunnelConfig.IPIP,
                        new TunnelConfig(TunnelType.GUE, 6080, TunnelChecksum.REMCSUM),
                        new TunnelConfig(TunnelType.GRE, 0, TunnelChecksum.CSUM),
                        TunnelConfig.IPIP),
                reals.stream().map(RealServerConfig::tunnel).toList());
    }

    @Test
    void directRoutingAndTunnelsCannotChangeThePort() {
        assertEquals(List.of(
                        "test.toml:7:8: service.real.port: method dr cannot change the destination port; "
                                + "it must be 80 (the service port)",
                        "test.toml:10:8: service.real.port: method tun cannot change the destination port; "
                                + "it must be 80 (the service port)",
                        "test.toml:15:10: service.real.method: unknown method \"masq\"; write \"nat\""),
                errors(TCP_80_SERVICE + """
                        [[service.real]]
                        address = "198.51.100.11"
                        port = 8080
                        [[service.real]]
                        address = "198.51.100.12"
                        port = 8080
                        method = "tun"
                        [[service.real]]
                        address = "198.51.100.13"
                        port = 8080
                        method = "masq"
                        [[service.real]]
                        address = "198.51.100.14"
                        port = 80
                        method = "nat"
                        """));
    }

    @Test
    void directRoutingOnAFwmarkServiceKeepsThePacketsPort() {
        assertEquals("test.toml:8:8: service.real.port: method dr cannot change the destination port; "
                        + "it must be 0 (the packet's own port)",
                error("""
                        [[mark]]
                        fwmark = 1
                        address = "192.0.2.20"
                        [[service]]
                        fwmark = 1
                        [[service.real]]
                        address = "198.51.100.11"
                        port = 443
                        method = "dr"
                        """));
    }

    @Test
    void weightAndThresholdRanges() {
        assertEquals(List.of(
                        "test.toml:7:10: service.real.weight: must be in 0..65535, got 65536",
                        "test.toml:8:19: service.real.upper_threshold: must be in 0..4294967295, got 4294967296",
                        "test.toml:11:10: service.real.weight: must be in 0..65535, got -1",
                        "test.toml:13:19: service.real.lower_threshold: must not exceed upper_threshold (10)"),
                errors(TCP_80_SERVICE + """
                        [[service.real]]
                        address = "198.51.100.11"
                        weight = 65536
                        upper_threshold = 4294967296
                        [[service.real]]
                        address = "198.51.100.12"
                        weight = -1
                        upper_threshold = 10
                        lower_threshold = 11
                        [[service.real]]
                        address = "198.51.100.13"
                        lower_threshold = 50
                        """));
    }

    @Test
    void onlyTunnelledServersMayDifferFromTheServiceInFamily() {
        assertEquals(List.of(
                        "test.toml:5:28: service.sorry_server.address: IPv6 address in an IPv4 service "
                                + "(only method = \"tun\" may mix families)",
                        "test.toml:7:11: service.real.address: IPv6 address in an IPv4 service "
                                + "(only method = \"tun\" may mix families)"),
                errors("""
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.10"
                        port = 80
                        sorry_server = { address = "2001:db8::99" }
                        [[service.real]]
                        address = "2001:db8::11"
                        method = "nat"
                        """));
    }

    @Test
    void mixedFamiliesAreRefusedWhileTheSyncDaemonRuns() {
        assertEquals("test.toml:9:11: service.real.address: IPv6 address in an IPv4 service: the kernel refuses "
                        + "mixed families while [ipvs.sync_daemon] runs",
                error("""
                        [ipvs.sync_daemon]
                        state = "master"
                        interface = "eth0"
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.10"
                        port = 80
                        [[service.real]]
                        address = "2001:db8::11"
                        method = "tun"
                        """));
    }

    @Test
    void realServersAreDistinctByAddressAndPort() {
        assertEquals("test.toml:7:1: service.real: duplicate real server 198.51.100.11:80 (first defined at line 5)",
                error(TCP_80_SERVICE + """
                        [[service.real]]
                        address = "198.51.100.11"
                        [[service.real]]
                        address = "198.51.100.11"
                        port = 80
                        [[service.real]]
                        address = "198.51.100.11"
                        port = 81
                        method = "nat"
                        """));
    }

    @Test
    void theSorryServerMayBeOneOfTheRealServers() throws Exception {
        VirtualServiceConfig service = config(TCP_80_SERVICE + """
                sorry_server = { address = "198.51.100.11" }
                [[service.real]]
                address = "198.51.100.11"
                """).services().get(0);

        assertEquals(new SorryServerConfig(InetAddress.getByName("198.51.100.11"), 80, Method.DR, null,
                new SourcePos(5, 16)), service.sorryServer());
    }

    @Test
    void tunnelErrors() {
        assertEquals(List.of(
                        "test.toml:7:1: service.real.tunnel: only valid with method = \"tun\"",
                        "test.toml:11:10: service.real.tunnel: missing required key \"port\"",
                        "test.toml:15:12: service.real.tunnel.port: only valid with type = \"gue\"",
                        "test.toml:15:36: service.real.tunnel.checksum: ipip tunnels have no checksum option",
                        "test.toml:19:37: service.real.tunnel.checksum: remcsum is only available with type = \"gue\"",
                        "test.toml:23:19: service.real.tunnel.type: must be one of ipip, gue, gre; got \"vxlan\""),
                errors(TCP_80_SERVICE + """
                        [[service.real]]
                        address = "198.51.100.11"
                        tunnel = { type = "gue" }
                        [[service.real]]
                        address = "198.51.100.12"
                        method = "tun"
                        tunnel = { type = "gue" }
                        [[service.real]]
                        address = "198.51.100.13"
                        method = "tun"
                        tunnel = { port = 6080, checksum = "csum" }
                        [[service.real]]
                        address = "198.51.100.14"
                        method = "tun"
                        tunnel = { type = "gre", checksum = "remcsum" }
                        [[service.real]]
                        address = "198.51.100.15"
                        method = "tun"
                        tunnel = { type = "vxlan" }
                        """));
    }

    @Test
    void missingAddressPointsAtTheTableHeader() {
        assertEquals("test.toml:5:3: service.real: missing required key \"address\"", error(TCP_80_SERVICE + """
                  [[service.real]]
                  weight = 2
                """));
    }

    @Test
    void sorryServerTakesOnlyAddressPortMethodAndTunnel() {
        assertEquals("test.toml:5:45: service.sorry_server.weight: unknown key", error(TCP_80_SERVICE + """
                sorry_server = { address = "198.51.100.99", weight = 1 }
                """));
    }
}
