package io.ipvsd.daemon.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ipvsd.daemon.config.ConfigTesting.config;
import static io.ipvsd.daemon.config.ConfigTesting.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VrrpSyncGroupConfigTest {
    /** Instances VI_1, VI_2 and VI_3 on lines 1-15; groups start on line 16. */
    private static final String INSTANCES = """
            [[vrrp_instance]]
            name = "VI_1"
            interface = "eth0"
            virtual_router_id = 1
            virtual_ipaddress = ["192.0.2.1"]
            [[vrrp_instance]]
            name = "VI_2"
            interface = "eth0"
            virtual_router_id = 2
            virtual_ipaddress = ["192.0.2.2"]
            [[vrrp_instance]]
            name = "VI_3"
            interface = "eth0"
            virtual_router_id = 3
            virtual_ipaddress = ["192.0.2.3"]
            """;

    @Test
    void everyKey() {
        assertEquals(List.of(new VrrpSyncGroupConfig("G1", List.of("VI_2", "VI_1"),
                        new VrrpNotify(List.of("/bin/m"), List.of("/bin/b"), List.of("/bin/f"), List.of("/bin/s"),
                                List.of("/bin/n", "x")), new SourcePos(16, 1))),
                config(INSTANCES + """
                        [[vrrp_sync_group]]
                        name = "G1"
                        group = ["VI_2", "VI_1"]
                        notify_master = ["/bin/m"]
                        notify_backup = ["/bin/b"]
                        notify_fault = ["/bin/f"]
                        notify_stop = ["/bin/s"]
                        notify = ["/bin/n", "x"]
                        """).vrrpSyncGroups());
    }

    @Test
    void membersAreExistingInstancesInOneGroupEach() {
        assertEquals(List.of(
                        "test.toml:18:18: vrrp_sync_group.group: no [[vrrp_instance]] is named \"VI_4\" "
                                + "(did you mean \"VI_1\"?)",
                        "test.toml:18:26: vrrp_sync_group.group: \"VI_1\" is listed twice",
                        "test.toml:21:10: vrrp_sync_group.group: \"VI_1\" is already in vrrp_sync_group \"G1\" "
                                + "(line 18); an instance can be in one group only"),
                errors(INSTANCES + """
                        [[vrrp_sync_group]]
                        name = "G1"
                        group = ["VI_1", "VI_4", "VI_1"]
                        [[vrrp_sync_group]]
                        name = "G2"
                        group = ["VI_1", "VI_3"]
                        """));
    }

    @Test
    void aGroupHasTwoOrMoreMembersAndAUniqueName() {
        assertEquals(List.of(
                        "test.toml:1:1: vrrp_sync_group: missing required key \"group\"",
                        "test.toml:20:9: vrrp_sync_group.group: needs at least two instances, got 1 (an instance "
                                + "changes state by itself anyway)",
                        "test.toml:22:8: vrrp_sync_group.name: duplicate vrrp_sync_group name \"G1\" "
                                + "(first used at line 19)",
                        "test.toml:24:1: vrrp_sync_group.notify_mastr: unknown key (did you mean \"notify_master\"?)"),
                errors("""
                        [[vrrp_sync_group]]
                        name = "G0"
                        """ + INSTANCES + """
                        [[vrrp_sync_group]]
                        name = "G1"
                        group = ["VI_1"]
                        [[vrrp_sync_group]]
                        name = "G1"
                        group = ["VI_2", "VI_3"]
                        notify_mastr = ["/bin/m"]
                        """));
    }
}
