package io.ipvsd.daemon.config;

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
}
