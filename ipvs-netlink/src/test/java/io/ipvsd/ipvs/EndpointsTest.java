package io.ipvsd.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointsTest {

    @Test
    void formatsLikeIpvsadmNumeric() {
        assertEquals("192.0.2.1:80", Endpoints.format(Endpoints.parseAddress("192.0.2.1"), 80));
        assertEquals("[2001:db8::1]:443", Endpoints.format(Endpoints.parseAddress("2001:0db8:0:0:0:0:0:1"), 443));
        assertEquals("::", Endpoints.address(Endpoints.parseAddress("::")));
        assertEquals("2001:db8:0:1::", Endpoints.address(Endpoints.parseAddress("2001:db8:0:1:0:0:0:0")));
        assertEquals("2001:db8::1:0:0:1", Endpoints.address(Endpoints.parseAddress("2001:db8:0:0:1:0:0:1")));
        assertEquals("1:0:2:0:3:0:4:0", Endpoints.address(Endpoints.parseAddress("1:0:2:0:3:0:4:0")));
    }

    /** Dotted quads take a path without patterns; every byte value and width must still come out right. */
    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "1.10.100.200", "172.16.0.9", "249.250.251.199"})
    void readsEveryDottedQuadAsTheJdkDoes(String text) throws Exception {
        assertEquals(java.net.InetAddress.getByName(text), Endpoints.parseAddress(text));
        assertEquals(text, Endpoints.address(Endpoints.parseAddress(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3.04", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4x", "1234.1.1.1", "1.2.3.-4",
            "00.1.2.3", "1.2.3.4.", " 1.2.3.4"})
    void refusesWhatIsAlmostADottedQuad(String text) {
        assertThrows(IllegalArgumentException.class, () -> Endpoints.parseAddress(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.300", "example.org", "1.2.3", "1.2.3.4.5", "", "2001:db8::g", "fe80::1%eth0", "1.2.3.4 ", "010.0.0.1", "::ffff:192.0.2.1"})
    void refusesAnythingButALiteral(String text) {
        assertThrows(IllegalArgumentException.class, () -> Endpoints.parseAddress(text));
    }

    /** An IPv6 literal is not "not an IP address": the message names the rule it breaks. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            010.0.0.1           | 010.0.0.1: leading zeros are not allowed
            192.0.2.01          | 192.0.2.01: leading zeros are not allowed
            ::ffff:203.0.113.12 | ::ffff:203.0.113.12: IPv4-mapped IPv6: write the IPv4 address 203.0.113.12
            fe80::53%eth0       | fe80::53%eth0: zones are not allowed
            10.0.0.300          | not an IP address: 10.0.0.300
            example.org         | not an IP address: example.org
            fe80::g%eth0        | not an IP address: fe80::g%eth0
            """)
    void namesTheRuleARefusedLiteralBreaks(String text, String message) {
        assertEquals(message, assertThrows(AddressLiteralException.class, () -> Endpoints.parseAddress(text)).getMessage());
    }
}
