package io.ipvsd.daemon.config;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "0.0.0.0", "255.255.255.255", "2001:db8::1", "2001:DB8:0:0:0:0:0:1", "::",
            "::1", "64:ff9b::192.0.2.1"})
    void acceptsLiterals(String text) {
        assertTrue(Addresses.parse(text).isPresent(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "192.0.2", "192.0.2.1.1", "192.0.2.256", "192.0.2.01", "localhost", "example.org",
            "fe80::1%eth0", "::ffff:192.0.2.1", "2001:db8::g", "2001:db8:::1", " 192.0.2.1"})
    void rejectsAnythingElseWithoutLookingItUp(String text) {
        assertEquals(java.util.Optional.empty(), Addresses.parse(text), text);
    }

    @Test
    void aRefusedAddressSaysWhichRuleItBreaks() {
        assertEquals(List.of(
                        "test.toml:5:17: vrrp_instance.unicast_peer: \"fe80::53%eth0\": zones are not allowed",
                        "test.toml:6:22: vrrp_instance.virtual_ipaddress: \"192.0.2.010\": leading zeros are not allowed",
                        "test.toml:8:10: masquerade.source: \"::ffff:198.51.100.0\": IPv4-mapped IPv6: write the IPv4 "
                                + "address 198.51.100.0"),
                ConfigTesting.errors("""
                        [[vrrp_instance]]
                        name = "VI_1"
                        interface = "eth0"
                        virtual_router_id = 98
                        unicast_peer = ["fe80::53%eth0"]
                        virtual_ipaddress = ["192.0.2.010/24"]
                        [[masquerade]]
                        source = "::ffff:198.51.100.0/120"
                        """));
    }
}
