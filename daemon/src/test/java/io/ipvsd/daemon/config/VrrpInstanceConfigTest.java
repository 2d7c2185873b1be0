package io.ipvsd.daemon.config;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static io.ipvsd.daemon.config.ConfigTesting.config;
import static io.ipvsd.daemon.config.ConfigTesting.error;
import static io.ipvsd.daemon.config.ConfigTesting.errors;
import static io.ipvsd.daemon.config.ConfigTesting.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VrrpInstanceConfigTest {
    /** A valid instance on lines 1-5; tests add keys from line 6 on. */
    private static final String VI_1 = """
            [[vrrp_instance]]
            name = "VI_1"
            interface = "eth0"
            virtual_router_id = 98
            virtual_ipaddress = ["192.0.2.98/24"]
            """;

    private static final String WEB_SERVICE = """
            [[service]]
            name = "web"
            protocol = "tcp"
            address = "192.0.2.98"
            port = 80
            """;

    private static VrrpInstanceConfig onlyInstance(String toml) {
        List<VrrpInstanceConfig> instances = config(toml).vrrpInstances();
        assertEquals(1, instances.size());
        return instances.get(0);
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void defaultsAreKeepalivedsExceptCheckUnicastSource() throws Exception {
        assertEquals(new VrrpInstanceConfig("VI_1", "eth0", 98, 100, Duration.ofSeconds(1), 2, false, false,
                        Duration.ZERO, null, null, List.of(), true,
                        List.of(new VirtualAddressConfig(ip("192.0.2.98"), 24, "eth0", null, new SourcePos(5, 22))),
                        List.of(), List.of(), VrrpNotify.NONE, 5, Duration.ofSeconds(5), false, new SourcePos(1, 1)),
                onlyInstance(VI_1));
    }

    @Test
    void everyInstanceKey() throws Exception {
        VrrpInstanceConfig instance = onlyInstance(WEB_SERVICE + """
                [[vrrp_instance]]
                name = "VI_6"
                interface = "eth0"
                virtual_router_id = 6
                priority = 150
                advert_int = "250ms"
                version = 3
                state = "master"
                preempt_delay = "0s"
                unicast_src_ip = "2001:db8::21"
                unicast_peer = ["2001:db8::22", "2001:db8::23"]
                check_unicast_src = false
                virtual_ipaddress = ["2001:db8::98/64 dev eth1", { address = "2001:db8::99" }]
                track_interface = ["eth1", "eth2"]
                track_service = ["web"]
                notify_master = ["/bin/to-master", "now"]
                notify_backup = ["/bin/to-backup"]
                notify_fault = ["/bin/to-fault"]
                notify_stop = ["/bin/stopped"]
                notify = ["/bin/notify"]
                garp_master_repeat = 2
                garp_master_delay = "0s"
                """);

        assertEquals(new VrrpInstanceConfig("VI_6", "eth0", 6, 150, Duration.ofMillis(250), 3, true, false,
                Duration.ZERO, null, ip("2001:db8::21"), List.of(ip("2001:db8::22"), ip("2001:db8::23")), false,
                List.of(new VirtualAddressConfig(ip("2001:db8::98"), 64, "eth1", null, new SourcePos(18, 22)),
                        new VirtualAddressConfig(ip("2001:db8::99"), 128, "eth0", null, new SourcePos(18, 62))),
                List.of("eth1", "eth2"), List.of("web"),
                new VrrpNotify(List.of("/bin/to-master", "now"), List.of("/bin/to-backup"), List.of("/bin/to-fault"),
                        List.of("/bin/stopped"), List.of("/bin/notify")),
                2, Duration.ZERO, false, new SourcePos(6, 1)), instance);
        assertEquals(Family.IPV6, instance.family());
    }

    @Test
    void aFullFileWithTwoInstancesASyncGroupUnicastAndStaticAddresses() throws Exception {
        Config config = config(WEB_SERVICE + """
                [[vrrp_instance]]
                name = "VI_OUT"
                interface = "eth0"
                virtual_router_id = 51
                priority = 200
                auth_pass = "02600009"
                unicast_src_ip = "203.0.113.21"
                unicast_peer = ["203.0.113.22"]
                virtual_ipaddress = [
                  "192.0.2.98/24 dev eth0 label eth0:1",
                  { address = "192.0.2.99/24", dev = "eth0", label = "eth0:2" },
                ]
                track_service = ["web"]

                [[vrrp_instance]]
                name = "VI_IN"
                interface = "eth1"
                virtual_router_id = 52
                priority = 200
                advert_int = 2
                nopreempt = true
                virtual_ipaddress = ["198.51.100.1/24"]

                [[vrrp_sync_group]]
                name = "G1"
                group = ["VI_OUT", "VI_IN"]
                notify = ["/etc/ipvsd/group.sh"]

                [[static_ipaddress]]
                address = "192.0.2.30"
                dev = "lo"
                label = "lo:vip"

                [[static_ipaddress]]
                address = "2001:db8::30/64"
                dev = "lo"

                [ipvs.sync_daemon]
                vrrp_instance = "VI_OUT"
                interface = "eth1"
                """);

        assertEquals(List.of(
                new VrrpInstanceConfig("VI_OUT", "eth0", 51, 200, Duration.ofSeconds(1), 2, false, false,
                        Duration.ZERO, "02600009", ip("203.0.113.21"), List.of(ip("203.0.113.22")), true,
                        List.of(new VirtualAddressConfig(ip("192.0.2.98"), 24, "eth0", "eth0:1", new SourcePos(15, 3)),
                                new VirtualAddressConfig(ip("192.0.2.99"), 24, "eth0", "eth0:2",
                                        new SourcePos(16, 15))),
                        List.of(), List.of("web"), VrrpNotify.NONE, 5, Duration.ofSeconds(5), false,
                        new SourcePos(6, 1)),
                new VrrpInstanceConfig("VI_IN", "eth1", 52, 200, Duration.ofSeconds(2), 2, false, true,
                        Duration.ZERO, null, null, List.of(), true,
                        List.of(new VirtualAddressConfig(ip("198.51.100.1"), 24, "eth1", null,
                                new SourcePos(27, 22))),
                        List.of(), List.of(), VrrpNotify.NONE, 5, Duration.ofSeconds(5), false,
                        new SourcePos(20, 1))), config.vrrpInstances());
        assertEquals(List.of(new VrrpSyncGroupConfig("G1", List.of("VI_OUT", "VI_IN"),
                new VrrpNotify(List.of(), List.of(), List.of(), List.of(), List.of("/etc/ipvsd/group.sh")),
                new SourcePos(29, 1))), config.vrrpSyncGroups());
        assertEquals(List.of(new VirtualAddressConfig(ip("192.0.2.30"), 32, "lo", "lo:vip", new SourcePos(35, 11)),
                new VirtualAddressConfig(ip("2001:db8::30"), 64, "lo", null, new SourcePos(40, 11))),
                config.staticAddresses());
        assertEquals(new SyncDaemonConfig(null, "eth1", 0, 0, null, 0, 0, "VI_OUT"), config.syncDaemon());
    }

    @Test
    void requiredKeysAndUnknownOnes() {
        assertEquals(List.of(
                        "test.toml:1:1: vrrp_instance: missing required key \"interface\"",
                        "test.toml:1:1: vrrp_instance: missing required key \"virtual_router_id\"",
                        "test.toml:1:1: vrrp_instance: missing required key \"virtual_ipaddress\"",
                        "test.toml:2:1: vrrp_instance.nopreemt: unknown key (did you mean \"nopreempt\"?)",
                        "test.toml:3:1: vrrp_instance.virtual_ipaddress_excluded: unknown key"),
                errors("""
                        [[vrrp_instance]]
                        nopreemt = true
                        virtual_ipaddress_excluded = []
                        name = "VI_1"
                        """));
    }

    @Test
    void namesAreShortWordsAndUnique() {
        assertEquals(List.of(
                        "test.toml:7:8: vrrp_instance.name: duplicate vrrp_instance name \"VI_1\" (first used at line 2)",
                        "test.toml:12:8: vrrp_instance.name: must be 1 to 32 letters, digits, '_', '.' or '-', "
                                + "got \"VI 3\""),
                errors(VI_1 + """
                        [[vrrp_instance]]
                        name = "VI_1"
                        interface = "eth0"
                        virtual_router_id = 99
                        virtual_ipaddress = ["192.0.2.99"]
                        [[vrrp_instance]]
                        name = "VI 3"
                        interface = "eth0"
                        virtual_router_id = 100
                        virtual_ipaddress = ["192.0.2.100"]
                        """));
    }

    @Test
    void rangesOfTheNumbers() {
        assertEquals(List.of(
                        "test.toml:4:21: vrrp_instance.virtual_router_id: must be in 1..255, got 0",
                        "test.toml:6:12: vrrp_instance.priority: must be in 1..255, got 0",
                        "test.toml:7:11: vrrp_instance.version: must be 2 or 3, got 4",
                        "test.toml:8:22: vrrp_instance.garp_master_repeat: must be in 1..255, got 0"),
                errors("""
                        [[vrrp_instance]]
                        name = "VI_1"
                        interface = "eth0"
                        virtual_router_id = 0
                        virtual_ipaddress = ["192.0.2.98/24"]
                        priority = 0
                        version = 4
                        garp_master_repeat = 0
                        """));
    }

    @Test
    void version2AdvertIntervalIsWholeSecondsUpTo255() {
        assertEquals("test.toml:6:14: vrrp_instance.advert_int: version 2 carries whole seconds, got 1500ms "
                + "(version 3 carries centiseconds)", error(VI_1 + "advert_int = \"1500ms\"\n"));
        assertEquals("test.toml:6:14: vrrp_instance.advert_int: must be 1s..255s for version 2, got 256s",
                error(VI_1 + "advert_int = 256\n"));
        assertEquals("test.toml:6:14: vrrp_instance.advert_int: must be greater than 0",
                error(VI_1 + "advert_int = \"0s\"\n"));
        assertEquals(Duration.ofSeconds(255), onlyInstance(VI_1 + "advert_int = \"255s\"\n").advertInterval());
    }

    @Test
    void version3AdvertIntervalIsCentisecondsUpTo40950ms() {
        String v3 = VI_1 + "version = 3\n";
        assertEquals("test.toml:7:14: vrrp_instance.advert_int: version 3 carries centiseconds: must be a multiple "
                + "of 10ms, got 15ms", error(v3 + "advert_int = \"15ms\"\n"));
        assertEquals("test.toml:7:14: vrrp_instance.advert_int: must be 10ms..40950ms for version 3, got 40960ms",
                error(v3 + "advert_int = \"40s960ms\"\n"));
        assertEquals(Duration.ofMillis(40950), onlyInstance(v3 + "advert_int = \"40s950ms\"\n").advertInterval());
        assertEquals(Duration.ofMillis(10), onlyInstance(v3 + "advert_int = \"10ms\"\n").advertInterval());
    }

    @Test
    void stateIsBackupOrMaster() {
        assertEquals("test.toml:6:9: vrrp_instance.state: must be one of backup, master; got \"MASTER\"",
                error(VI_1 + "state = \"MASTER\"\n"));
        assertEquals(true, onlyInstance(VI_1 + "state = \"master\"\npriority = 101\n").initialMaster());
    }

    @Test
    void masterWithoutPriorityIsWarnedAboutBecauseKeepalivedWouldMakeIt255() {
        assertEquals(List.of("test.toml:6:9: vrrp_instance.state: \"master\" without priority: keepalived would make "
                        + "this node the address owner (priority 255), ipvsd gives it 100; write the priority"),
                warnings(VI_1 + "state = \"master\"\n"));
        assertEquals(List.of(), warnings(VI_1 + "state = \"master\"\npriority = 100\n"));
    }

    @Test
    void nopreemptIsRefusedWhereKeepalivedClearsIt() {
        assertEquals("test.toml:7:13: vrrp_instance.nopreempt: not allowed with priority 255 (the address owner "
                + "always takes over)", error(VI_1 + "priority = 255\nnopreempt = true\n"));
        assertEquals("test.toml:8:13: vrrp_instance.nopreempt: not allowed with state = \"master\" (keepalived "
                        + "clears it with a warning: nopreempt only acts in the BACKUP state)",
                error(VI_1 + "state = \"master\"\npriority = 101\nnopreempt = true\n"));
        assertEquals(true, onlyInstance(VI_1 + "priority = 254\nnopreempt = true\n").nopreempt());
        assertEquals(false, onlyInstance(VI_1 + "priority = 255\nnopreempt = false\n").nopreempt());
    }

    @Test
    void preemptDelayIsAtMost1000sAndNeedsPreemption() {
        assertEquals("test.toml:6:17: vrrp_instance.preempt_delay: must be at most 1000s, got 1001s",
                error(VI_1 + "preempt_delay = 1001\n"));
        assertEquals("test.toml:7:17: vrrp_instance.preempt_delay: not allowed with nopreempt (a node that never "
                + "preempts has nothing to delay)", error(VI_1 + "nopreempt = true\npreempt_delay = \"2s\"\n"));
        assertEquals("test.toml:8:17: vrrp_instance.preempt_delay: not allowed with state = \"master\" (keepalived "
                + "ignores it there)", error(VI_1 + "state = \"master\"\npriority = 101\npreempt_delay = \"2s\"\n"));
        assertEquals(Duration.ofSeconds(1000), onlyInstance(VI_1 + "preempt_delay = \"1000s\"\n").preemptDelay());
        assertEquals(Duration.ZERO, onlyInstance(VI_1 + "nopreempt = true\npreempt_delay = \"0s\"\n").preemptDelay());
    }

    @Test
    void authPassIsOneToEightBytesOfVersion2() {
        assertEquals("test.toml:6:13: vrrp_instance.auth_pass: 9 bytes; VRRP carries at most 8 (keepalived would "
                + "cut it to \"02600009\")", error(VI_1 + "auth_pass = \"026000096\"\n"));
        assertEquals("test.toml:6:13: vrrp_instance.auth_pass: must not be empty (leave auth_pass out for no "
                + "authentication)", error(VI_1 + "auth_pass = \"\"\n"));
        assertEquals("test.toml:7:13: vrrp_instance.auth_pass: version 3 has no authentication",
                error(VI_1 + "version = 3\nauth_pass = \"secret\"\n"));
        assertEquals("02600009", onlyInstance(VI_1 + "auth_pass = \"02600009\"\n").authPass());
    }

    @Test
    void version2CarriesOnlyIpv4() {
        assertEquals("test.toml:5:36: vrrp_instance.virtual_ipaddress: 2001:db8::1 is IPv6 but version 2 carries "
                + "only IPv4 (IPv6 needs version = 3)", error("""
                [[vrrp_instance]]
                name = "VI_1"
                interface = "eth0"
                virtual_router_id = 98
                virtual_ipaddress = ["192.0.2.98", "2001:db8::1"]
                """));
    }

    @Test
    void anInstanceCarriesOneFamily() {
        assertEquals("test.toml:6:37: vrrp_instance.virtual_ipaddress: 192.0.2.98 is IPv4 but 2001:db8::1 is IPv6; "
                + "an instance carries one family (write one instance per family)", error("""
                [[vrrp_instance]]
                name = "VI_1"
                interface = "eth0"
                virtual_router_id = 98
                version = 3
                virtual_ipaddress = ["2001:db8::1", "192.0.2.98"]
                """));
    }

    @Test
    void virtualAddressesAreRequiredAndNotEmpty() {
        assertEquals("test.toml:5:21: vrrp_instance.virtual_ipaddress: must not be empty", error("""
                [[vrrp_instance]]
                name = "VI_1"
                interface = "eth0"
                virtual_router_id = 98
                virtual_ipaddress = []
                """));
    }

    @Test
    void aVirtualRouterIsUniquePerInterfaceAndFamily() throws Exception {
        String sameInterfaceAndFamily = VI_1 + """
                [[vrrp_instance]]
                name = "VI_2"
                interface = "eth0"
                virtual_router_id = 98
                virtual_ipaddress = ["192.0.2.99"]
                """;
        assertEquals("test.toml:9:21: vrrp_instance.virtual_router_id: 98 is already used on eth0 for IPv4 by "
                        + "vrrp_instance \"VI_1\" (line 1); routers on a link are told apart by VRID and family",
                error(sameInterfaceAndFamily));

        Config otherFamilyAndInterface = config(VI_1 + """
                [[vrrp_instance]]
                name = "VI_6"
                interface = "eth0"
                virtual_router_id = 98
                version = 3
                virtual_ipaddress = ["2001:db8::98"]
                [[vrrp_instance]]
                name = "VI_2"
                interface = "eth1"
                virtual_router_id = 98
                virtual_ipaddress = ["192.0.2.99"]
                """);
        assertEquals(3, otherFamilyAndInterface.vrrpInstances().size());
    }

    @Test
    void anAddressHasOneOwner() {
        assertEquals(List.of(
                        "test.toml:10:36: vrrp_instance.virtual_ipaddress: 192.0.2.98 is already an address of "
                                + "vrrp_instance \"VI_1\" (line 5); an address can have one owner only",
                        "test.toml:10:53: vrrp_instance.virtual_ipaddress: 192.0.2.99 is already an address of "
                                + "vrrp_instance \"VI_2\" (line 10); an address can have one owner only",
                        "test.toml:12:11: static_ipaddress.address: 192.0.2.98 is already an address of "
                                + "vrrp_instance \"VI_1\" (line 5); an address can have one owner only"),
                errors(VI_1 + """
                        [[vrrp_instance]]
                        name = "VI_2"
                        interface = "eth1"
                        virtual_router_id = 2
                        virtual_ipaddress = ["192.0.2.99", "192.0.2.98/32", "192.0.2.99/24"]
                        [[static_ipaddress]]
                        address = "192.0.2.98/32"
                        dev = "eth0"
                        """));
    }

    @Test
    void aStaticAddressBeforeTheInstanceIsTheFirstOwner() {
        assertEquals("test.toml:8:22: vrrp_instance.virtual_ipaddress: 192.0.2.98 is already an address of "
                        + "[[static_ipaddress]] (line 2); an address can have one owner only",
                error("""
                        [[static_ipaddress]]
                        address = "192.0.2.98"
                        dev = "eth0"
                        """ + VI_1));
    }

    @Test
    void unicastAddressesAreOfTheAdvertsFamily() {
        assertEquals(List.of(
                        "test.toml:6:18: vrrp_instance.unicast_src_ip: 2001:db8::21 is IPv6 but the adverts are IPv4 "
                                + "(the family of the virtual addresses)",
                        "test.toml:7:17: vrrp_instance.unicast_peer: 2001:db8::22 is IPv6 but the adverts are IPv4 "
                                + "(the family of the virtual addresses)"),
                errors(VI_1 + """
                        unicast_src_ip = "2001:db8::21"
                        unicast_peer = ["2001:db8::22", "192.0.2.22"]
                        """));
    }

    @Test
    void unicastAddressesAreOwnAddressesOfTheNodes() {
        assertEquals(List.of(
                        "test.toml:6:18: vrrp_instance.unicast_src_ip: 192.0.2.98 is a virtual address of this "
                                + "instance; unicast_src_ip must be this node's own address, which does not move",
                        "test.toml:7:17: vrrp_instance.unicast_peer: 192.0.2.98 is a virtual address of this "
                                + "instance; a peer is the other node's own address, which does not move"),
                errors(VI_1 + """
                        unicast_src_ip = "192.0.2.98"
                        unicast_peer = ["192.0.2.98", "192.0.2.22"]
                        """));
    }

    @Test
    void aNodeIsNotItsOwnPeerAndPeersAreListedOnce() {
        assertEquals(List.of(
                        "test.toml:7:17: vrrp_instance.unicast_peer: 192.0.2.21 is unicast_src_ip, this node; a node "
                                + "is not its own peer",
                        "test.toml:7:45: vrrp_instance.unicast_peer: duplicate peer 192.0.2.22",
                        "test.toml:7:59: vrrp_instance.unicast_peer: not an IP address: \"peer-b\""),
                errors(VI_1 + """
                        unicast_src_ip = "192.0.2.21"
                        unicast_peer = ["192.0.2.21", "192.0.2.22", "192.0.2.22", "peer-b"]
                        """));
    }

    @Test
    void checkUnicastSourceWithoutPeersIsAWarning() {
        assertEquals(List.of("test.toml:6:21: vrrp_instance.check_unicast_src: has no effect without unicast_peer "
                + "(adverts are multicast)"), warnings(VI_1 + "check_unicast_src = true\n"));
        assertEquals(List.of("test.toml:7:21: vrrp_instance.check_unicast_src: has no effect without unicast_peer "
                + "(adverts are multicast)"), warnings(VI_1 + "unicast_peer = []\ncheck_unicast_src = false\n"));
        assertEquals(List.of(), warnings(VI_1 + "unicast_peer = [\"192.0.2.22\"]\ncheck_unicast_src = true\n"));
    }

    @Test
    void trackedInterfacesAreListedOnce() {
        assertEquals("test.toml:6:28: vrrp_instance.track_interface: duplicate interface \"eth1\"",
                error(VI_1 + "track_interface = [\"eth1\", \"eth1\"]\n"));
        assertEquals("test.toml:6:20: vrrp_instance.track_interface: not an interface name: \"eth1:0\" "
                        + "(1 to 15 characters, no '/', ':' or spaces)",
                error(VI_1 + "track_interface = [\"eth1:0\"]\n"));
    }

    @Test
    void trackingTheOwnInterfaceIsAWarning() {
        assertEquals(List.of("test.toml:6:28: vrrp_instance.track_interface: \"eth0\" is the instance's own "
                + "interface, which is always tracked"), warnings(VI_1 + "track_interface = [\"eth1\", \"eth0\"]\n"));
    }

    @Test
    void trackedServicesAreNamedServices() {
        assertEquals(List.of(
                        "test.toml:11:18: vrrp_instance.track_service: no [[service]] has name = \"wbe\" "
                                + "(did you mean \"web\"?)",
                        "test.toml:11:32: vrrp_instance.track_service: duplicate service \"web\"",
                        "test.toml:11:39: vrrp_instance.track_service: no [[service]] has name = \"api\""),
                errors(WEB_SERVICE + VI_1 + "track_service = [\"wbe\", \"web\", \"web\", \"api\"]\n"));
    }

    @Test
    void aServiceWithoutNameCannotBeTracked() {
        assertEquals("test.toml:10:18: vrrp_instance.track_service: no [[service]] has name = \"web\"",
                error(WEB_SERVICE.replace("name = \"web\"\n", "") + VI_1 + "track_service = [\"web\"]\n"));
    }

    @Test
    void aServiceWithOtherMistakesIsStillFoundByName() {
        assertEquals("test.toml:5:8: service.port: must be in 0..65535, got 70000",
                error(WEB_SERVICE.replace("80", "70000") + VI_1 + "track_service = [\"web\"]\n"));
    }

    @Test
    void v3ChecksumAsV2IsForVersion3OverIpv4() {
        assertEquals("test.toml:6:21: vrrp_instance.v3_checksum_as_v2: only for version 3 (the version 2 checksum "
                + "has no pseudo-header)", error(VI_1 + "v3_checksum_as_v2 = true\n"));
        assertEquals("test.toml:7:21: vrrp_instance.v3_checksum_as_v2: only for IPv4 (the IPv6 checksum always "
                + "covers the pseudo-header)", error(VI_1.replace("192.0.2.98/24", "2001:db8::98")
                + "version = 3\nv3_checksum_as_v2 = true\n"));
        assertEquals(true, onlyInstance(VI_1 + "version = 3\nv3_checksum_as_v2 = true\n").v3ChecksumAsV2());
    }

    @Test
    void notifyCommandsAreNonEmptyStringArrays() {
        assertEquals(List.of(
                        "test.toml:6:17: vrrp_instance.notify_master: must not be empty",
                        "test.toml:7:10: vrrp_instance.notify: expected an array, got string"),
                errors(VI_1 + "notify_master = []\nnotify = \"/bin/notify.sh\"\n"));
    }
}
