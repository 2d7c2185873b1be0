package io.ipvsd.daemon.config;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static io.ipvsd.daemon.config.ConfigTesting.config;
import static io.ipvsd.daemon.config.ConfigTesting.error;
import static io.ipvsd.daemon.config.ConfigTesting.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

class IpvsSectionTest {

    @Test
    void timeoutsLeaveAbsentOnesToTheKernel() {
        IpvsTimeouts timeouts = config("""
                [ipvs.timeouts]
                tcp = "15m"
                tcp_fin = 120
                """).timeouts();

        assertEquals(new IpvsTimeouts(Duration.ofMinutes(15), Duration.ofSeconds(120), null), timeouts);
    }

    @Test
    void timeoutsAreWholePositiveSecondsWithinTheKernelLimit() {
        assertEquals(List.of(
                        "test.toml:2:7: ipvs.timeouts.tcp: must be whole seconds, got 1500ms",
                        "test.toml:3:11: ipvs.timeouts.tcp_fin: must be at most 2147483s, got 3000000s",
                        "test.toml:4:7: ipvs.timeouts.udp: must be greater than 0",
                        "test.toml:5:1: ipvs.timeouts.tcpfin: unknown key (did you mean \"tcp_fin\"?)"),
                errors("""
                        [ipvs.timeouts]
                        tcp = "1500ms"
                        tcp_fin = 3000000
                        udp = "0s"
                        tcpfin = 5
                        """));
    }

    @Test
    void syncDaemonWithEveryKey() throws Exception {
        SyncDaemonConfig sync = config("""
                [ipvs.sync_daemon]
                state = "backup"
                interface = "eth1"
                syncid = 7
                sync_maxlen = 1400
                mcast_group = "224.0.0.81"
                mcast_port = 8848
                mcast_ttl = 2
                """).syncDaemon();

        assertEquals(new SyncDaemonConfig(SyncState.BACKUP, "eth1", 7, 1400, InetAddress.getByName("224.0.0.81"),
                8848, 2, null), sync);
    }

    @Test
    void syncDaemonDefaultsMeanKernelDefaults() {
        assertEquals(new SyncDaemonConfig(SyncState.MASTER, "eth0", 0, 0, null, 0, 0, null), config("""
                [ipvs.sync_daemon]
                state = "master"
                interface = "eth0"
                """).syncDaemon());
    }

    @Test
    void syncDaemonErrors() {
        assertEquals(List.of(
                        "test.toml:1:1: ipvs.sync_daemon: missing required key \"interface\"",
                        "test.toml:2:9: ipvs.sync_daemon.state: must be one of master, backup; got \"primary\"",
                        "test.toml:3:10: ipvs.sync_daemon.syncid: must be in 0..255, got 256",
                        "test.toml:4:15: ipvs.sync_daemon.mcast_group: 192.0.2.1 is not a multicast address",
                        "test.toml:5:13: ipvs.sync_daemon.mcast_ttl: must be in 1..255, got 0"),
                errors("""
                        [ipvs.sync_daemon]
                        state = "primary"
                        syncid = 256
                        mcast_group = "192.0.2.1"
                        mcast_ttl = 0
                        """));
    }

    private static final String VI_1 = """
            [[vrrp_instance]]
            name = "VI_1"
            interface = "eth0"
            virtual_router_id = 98
            virtual_ipaddress = ["192.0.2.98"]
            """;

    @Test
    void syncDaemonFollowingAVrrpInstanceHasNoState() {
        assertEquals(new SyncDaemonConfig(null, "eth1", 0, 0, null, 0, 0, "VI_1"), config(VI_1 + """
                [ipvs.sync_daemon]
                vrrp_instance = "VI_1"
                interface = "eth1"
                """).syncDaemon());
    }

    @Test
    void syncDaemonFollowingAVrrpInstanceRefusesAState() {
        assertEquals("test.toml:8:1: ipvs.sync_daemon.state: not allowed with vrrp_instance: the instance decides "
                        + "(master while it is MASTER, backup otherwise)",
                error(VI_1 + """
                        [ipvs.sync_daemon]
                        vrrp_instance = "VI_1"
                        state = "master"
                        interface = "eth1"
                        """));
    }

    @Test
    void syncDaemonFollowsAnExistingInstance() {
        assertEquals("test.toml:7:17: ipvs.sync_daemon.vrrp_instance: no [[vrrp_instance]] is named \"VI_l\" "
                        + "(did you mean \"VI_1\"?)",
                error(VI_1 + """
                        [ipvs.sync_daemon]
                        vrrp_instance = "VI_l"
                        interface = "eth1"
                        """));
    }

    @Test
    void syncDaemonNeedsAStateWhenItFollowsNoInstance() {
        assertEquals("test.toml:1:1: ipvs.sync_daemon: missing required key \"state\"",
                error("""
                        [ipvs.sync_daemon]
                        interface = "eth1"
                        """));
    }

    @Test
    void interfaceNamesAreCheckedAsLinuxDoes() {
        assertEquals("test.toml:3:13: ipvs.sync_daemon.interface: not an interface name: \"eth0:1\" "
                        + "(1 to 15 characters, no '/', ':' or spaces)",
                error("""
                        [ipvs.sync_daemon]
                        state = "master"
                        interface = "eth0:1"
                        """));
    }

    @Test
    void unknownIpvsTable() {
        assertEquals("test.toml:1:1: ipvs.timeout: unknown key (did you mean \"timeouts\"?)",
                error("""
                        [ipvs.timeout]
                        tcp = 5
                        """));
    }
}
