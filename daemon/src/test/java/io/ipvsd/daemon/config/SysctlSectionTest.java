package io.ipvsd.daemon.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.ipvsd.daemon.config.ConfigTesting.config;
import static io.ipvsd.daemon.config.ConfigTesting.error;
import static io.ipvsd.daemon.config.ConfigTesting.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SysctlSectionTest {

    @Test
    void quotedAndDottedNamesAreKeptInFileOrder() {
        Map<String, String> sysctls = config("""
                [sysctl]
                "net.ipv4.ip_forward" = 1
                net.ipv4.vs.conntrack = 1
                "net.ipv4.ip_local_port_range" = "32768 60999"
                "net.ipv4.conf.eth0/100.rp_filter" = 0
                """).sysctls();

        assertEquals(List.of(
                        Map.entry("net.ipv4.ip_forward", "1"),
                        Map.entry("net.ipv4.vs.conntrack", "1"),
                        Map.entry("net.ipv4.ip_local_port_range", "32768 60999"),
                        Map.entry("net.ipv4.conf.eth0/100.rp_filter", "0")),
                List.copyOf(sysctls.entrySet()));
    }

    @Test
    void valuesMustBeIntegersOrStrings() {
        assertEquals("test.toml:2:25: sysctl.net.ipv4.ip_forward: expected an integer or a string, got boolean",
                error("""
                        [sysctl]
                        "net.ipv4.ip_forward" = true
                        """));
    }

    @Test
    void namesMustBeSysctlNamesInsideProcSys() {
        assertEquals(List.of(
                        "test.toml:2:1: sysctl.forward: not a sysctl name: \"forward\"",
                        "test.toml:3:1: sysctl.net.//.passwd: not a sysctl name: \"net.//.passwd\"",
                        "test.toml:4:1: sysctl.net ipv4: not a sysctl name: \"net ipv4\""),
                errors("""
                        [sysctl]
                        forward = 1
                        "net.//.passwd" = 1
                        "net ipv4" = 1
                        """));
    }

    @Test
    void theSameNameQuotedAndDottedIsADuplicate() {
        assertEquals("test.toml:3:1: sysctl.net.ipv4.ip_forward: set twice",
                error("""
                        [sysctl]
                        "net.ipv4.ip_forward" = 1
                        net.ipv4.ip_forward = 0
                        """));
    }
}
