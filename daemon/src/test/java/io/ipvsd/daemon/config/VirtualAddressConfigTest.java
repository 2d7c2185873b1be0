package io.ipvsd.daemon.config;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static io.ipvsd.daemon.config.ConfigTesting.config;
import static io.ipvsd.daemon.config.ConfigTesting.error;
import static io.ipvsd.daemon.config.ConfigTesting.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** virtual_ipaddress elements (keepalived's string or a table) and [[static_ipaddress]] tables. */
class VirtualAddressConfigTest {

    /** An instance on eth0 whose virtual_ipaddress is on line 6 from column 22 on. */
    private static String instanceWith(String virtualAddresses) {
        return """
                [[vrrp_instance]]
                name = "VI_1"
                interface = "eth0"
                virtual_router_id = 98
                version = 3
                virtual_ipaddress = [""" + virtualAddresses + "]\n";
    }

    private static List<VirtualAddressConfig> addresses(String virtualAddresses) {
        return config(instanceWith(virtualAddresses)).vrrpInstances().get(0).virtualAddresses();
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void keepalivedsStringFormInAnyOrderWithDefaults() throws Exception {
        assertEquals(List.of(
                        new VirtualAddressConfig(ip("192.0.2.98"), 32, "eth0", null, new SourcePos(6, 22)),
                        new VirtualAddressConfig(ip("192.0.2.99"), 24, "eth1", "eth1:vip",
                                new SourcePos(6, 36)),
                        new VirtualAddressConfig(ip("192.0.2.100"), 25, "eth0", "eth0:1", new SourcePos(6, 77))),
                addresses("\"192.0.2.98\", \"192.0.2.99/24 dev eth1 label eth1:vip\", "
                        + "\"  192.0.2.100/25  label eth0:1 \""));
    }

    @Test
    void tableForm() throws Exception {
        assertEquals(List.of(
                        new VirtualAddressConfig(ip("192.0.2.98"), 24, "eth1", "eth1:2", new SourcePos(6, 34)),
                        new VirtualAddressConfig(ip("192.0.2.99"), 32, "eth0", null, new SourcePos(6, 97))),
                addresses("{ address = \"192.0.2.98/24\", dev = \"eth1\", label = \"eth1:2\" }, "
                        + "{ address = \"192.0.2.99\" }"));
    }

    @Test
    void ipv6DefaultsTo128() throws Exception {
        assertEquals(List.of(new VirtualAddressConfig(ip("2001:db8::98"), 128, "eth0", null, new SourcePos(6, 22))),
                addresses("\"2001:db8::98\""));
    }

    @Test
    void badAddressesAndPrefixLengths() {
        assertEquals(List.of(
                        "test.toml:6:22: vrrp_instance.virtual_ipaddress: prefix length must be 1..32, got 33",
                        "test.toml:6:39: vrrp_instance.virtual_ipaddress: prefix length must be 1..32, got 0",
                        "test.toml:6:55: vrrp_instance.virtual_ipaddress: not an IP address with an optional prefix "
                                + "length: \"vip.example\" (expected e.g. \"192.0.2.98/24\")",
                        "test.toml:6:70: vrrp_instance.virtual_ipaddress: not an IP address with an optional prefix "
                                + "length: \"192.0.2.1/x\" (expected e.g. \"192.0.2.98/24\")",
                        "test.toml:6:85: vrrp_instance.virtual_ipaddress: 224.0.0.18 cannot be used here "
                                + "(unspecified or multicast)",
                        "test.toml:6:99: vrrp_instance.virtual_ipaddress: must not be empty (expected "
                                + "\"ADDR[/LEN] [dev IF] [label LABEL]\")",
                        "test.toml:6:104: vrrp_instance.virtual_ipaddress: expected an address (\"ADDR[/LEN] "
                                + "[dev IF] [label LABEL]\") or a table, got integer"),
                errors(instanceWith("\"192.0.2.98/33\", \"192.0.2.99/0\", \"vip.example\", \"192.0.2.1/x\", "
                        + "\"224.0.0.18\", \" \", 42")));
    }

    @Test
    void ipv6PrefixUpTo128() {
        assertEquals("test.toml:6:22: vrrp_instance.virtual_ipaddress: prefix length must be 1..128, got 129",
                error(instanceWith("\"2001:db8::98/129\"")));
    }

    @Test
    void keepalivedsOtherWordsAreRefusedByName() {
        assertEquals(List.of(
                        "test.toml:6:22: vrrp_instance.virtual_ipaddress: \"brd\" is not supported (ipvsd takes "
                                + "\"ADDR[/LEN] [dev IF] [label LABEL]\")",
                        "test.toml:6:54: vrrp_instance.virtual_ipaddress: \"scope\" is not supported (ipvsd takes "
                                + "\"ADDR[/LEN] [dev IF] [label LABEL]\")",
                        "test.toml:6:87: vrrp_instance.virtual_ipaddress: unknown word \"device\" in "
                                + "\"192.0.2.3 device eth0\" (expected \"ADDR[/LEN] [dev IF] [label LABEL]\")"),
                errors(instanceWith("\"192.0.2.1/24 brd 192.0.2.255\", \"192.0.2.2 dev eth0 scope link\", "
                        + "\"192.0.2.3 device eth0\"")));
    }

    @Test
    void wordsNeedTheirValueOnce() {
        assertEquals(List.of(
                        "test.toml:6:22: vrrp_instance.virtual_ipaddress: \"dev\" needs a value in "
                                + "\"192.0.2.1 dev\"",
                        "test.toml:6:39: vrrp_instance.virtual_ipaddress: \"label\" is given twice in "
                                + "\"192.0.2.2 label eth0:1 label eth0:2\"",
                        "test.toml:6:78: vrrp_instance.virtual_ipaddress: not an interface name: \"eth0:1\" "
                                + "(1 to 15 characters, no '/', ':' or spaces)"),
                errors(instanceWith("\"192.0.2.1 dev\", \"192.0.2.2 label eth0:1 label eth0:2\", "
                        + "\"192.0.2.3 dev eth0:1\"")));
    }

    @Test
    void labelsStartWithTheirDeviceAndFitIn15Bytes() {
        assertEquals(List.of(
                        "test.toml:6:22: vrrp_instance.virtual_ipaddress: label \"eth1:1\" must be the device name, "
                                + "':' and a suffix, like \"eth0:1\"",
                        "test.toml:6:48: vrrp_instance.virtual_ipaddress: label \"eth0:\" must be the device name, "
                                + "':' and a suffix, like \"eth0:1\"",
                        "test.toml:6:73: vrrp_instance.virtual_ipaddress: label \"eth0:0123456789a\" is 16 bytes; "
                                + "the kernel takes at most 15",
                        "test.toml:6:177: vrrp_instance.virtual_ipaddress.label: label \"eth1:1\" must be the device "
                                + "name, ':' and a suffix, like \"eth0:1\""),
                errors(instanceWith("\"192.0.2.1 label eth1:1\", \"192.0.2.2 label eth0:\", "
                        + "\"192.0.2.3 label eth0:0123456789a\", \"192.0.2.4 label eth0:0123456789\", "
                        + "{ address = \"192.0.2.5\", label = \"eth1:1\" }")));
    }

    @Test
    void ipv6TakesNoLabel() {
        assertEquals("test.toml:6:22: vrrp_instance.virtual_ipaddress: label \"eth0:6\": an IPv6 address takes no "
                        + "label (the kernel keeps labels for IPv4 only)",
                error(instanceWith("\"2001:db8::1 label eth0:6\"")));
    }

    @Test
    void tableFormKeys() {
        assertEquals(List.of(
                        "test.toml:6:22: vrrp_instance.virtual_ipaddress: missing required key \"address\"",
                        "test.toml:6:24: vrrp_instance.virtual_ipaddress.adress: unknown key "
                                + "(did you mean \"address\"?)"),
                errors(instanceWith("{ adress = \"192.0.2.1\" }")));
    }

    @Test
    void aBadInstanceInterfaceIsReportedOnceNotForEachAddress() {
        assertEquals("test.toml:3:13: vrrp_instance.interface: not an interface name: \"eth0:1\" (1 to 15 "
                        + "characters, no '/', ':' or spaces)",
                error(instanceWith("\"192.0.2.1\", { address = \"192.0.2.2\" }").replace("\"eth0\"", "\"eth0:1\"")));
    }

    @Test
    void staticAddressesNeedAnAddressAndADevice() {
        assertEquals(List.of(
                        "test.toml:1:1: static_ipaddress: missing required key \"address\"",
                        "test.toml:1:1: static_ipaddress: missing required key \"dev\"",
                        "test.toml:2:1: static_ipaddress.interface: unknown key",
                        "test.toml:9:9: static_ipaddress.label: label \"lo:vip\": an IPv6 address takes no label "
                                + "(the kernel keeps labels for IPv4 only)",
                        "test.toml:12:7: static_ipaddress.dev: not an interface name: \"lo:1\" (1 to 15 characters, "
                                + "no '/', ':' or spaces)",
                        "test.toml:14:11: static_ipaddress.address: 192.0.2.30 is already an address of "
                                + "[[static_ipaddress]] (line 4); an address can have one owner only"),
                errors("""
                        [[static_ipaddress]]
                        interface = "lo"
                        [[static_ipaddress]]
                        address = "192.0.2.30"
                        dev = "lo"
                        [[static_ipaddress]]
                        address = "2001:db8::30"
                        dev = "lo"
                        label = "lo:vip"
                        [[static_ipaddress]]
                        address = "192.0.2.31/32"
                        dev = "lo:1"
                        [[static_ipaddress]]
                        address = "192.0.2.30/32"
                        dev = "lo"
                        """));
    }

    /** The director that is also a direct-routing real server of its own service: VIP on eth0 by VRRP, on lo always. */
    @Test
    void aVipMayAlsoBeAStaticAddressOfAnotherInterface() {
        LoadResult r = ConfigLoader.parse("""
                [[vrrp_instance]]
                name = "VI_1"
                interface = "eth0"
                virtual_router_id = 98
                virtual_ipaddress = ["192.0.2.98/24"]
                [[static_ipaddress]]
                address = "192.0.2.98/32"
                dev = "lo"
                """, "test.toml");
        assertTrue(r instanceof LoadResult.Loaded, r::toString);
    }
}
