package io.ipvsd.daemon.config;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static io.ipvsd.daemon.config.ConfigTesting.config;
import static io.ipvsd.daemon.config.ConfigTesting.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MasqueradeRuleConfigTest {

    @Test
    void everyKeyAndDefaults() throws Exception {
        List<MasqueradeRuleConfig> rules = config("""
                [[masquerade]]
                source = "198.51.100.0/24"
                out_interface = "eth0"
                ipvs_only = false
                [[masquerade]]
                [[masquerade]]
                source = "2001:db8::/32"
                """).masquerades();

        assertEquals(List.of(
                new MasqueradeRuleConfig(new Cidr(InetAddress.getByName("198.51.100.0"), 24), "eth0", false,
                        new SourcePos(1, 1)),
                new MasqueradeRuleConfig(null, null, true, new SourcePos(5, 1)),
                new MasqueradeRuleConfig(new Cidr(InetAddress.getByName("2001:db8::"), 32), null, true,
                        new SourcePos(6, 1))), rules);
        assertEquals("2001:db8::/32", rules.get(2).source().toString());
        assertEquals(Family.IPV6, rules.get(2).source().family());
    }

    @Test
    void everyBadValueIsReported() {
        assertEquals(List.of(
                        "test.toml:2:10: masquerade.source: host bits are set in \"198.51.100.1/24\"; the network is "
                                + "198.51.100.0/24",
                        "test.toml:4:10: masquerade.source: prefix length must be 0..32, got 33",
                        "test.toml:6:10: masquerade.source: not a network in CIDR form: \"198.51.100.0\" "
                                + "(expected e.g. \"198.51.100.0/24\")",
                        "test.toml:8:10: masquerade.source: host bits are set in \"2001:db8::1/32\"; the network is "
                                + "2001:db8::/32",
                        "test.toml:9:1: masquerade.ipvsonly: unknown key (did you mean \"ipvs_only\"?)"),
                errors("""
                        [[masquerade]]
                        source = "198.51.100.1/24"
                        [[masquerade]]
                        source = "198.51.100.0/33"
                        [[masquerade]]
                        source = "198.51.100.0"
                        [[masquerade]]
                        source = "2001:db8::1/32"
                        ipvsonly = true
                        """));
    }
}
