package io.ipvsd.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.cli.doctor.Facts.DaemonView;
import io.ipvsd.cli.doctor.Facts.ForeignRule;
import io.ipvsd.cli.doctor.Facts.Health;
import io.ipvsd.cli.doctor.Facts.LocalAddress;
import io.ipvsd.cli.doctor.Facts.Vrrp;
import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each check of doctor, on facts made by hand: the line it prints, and silence when all is well. */
class DiagnosisTest {
    private static final String NAT_SERVICE = """
            [[service]]
            protocol = "tcp"
            address = "192.0.2.10"
            port = 80
              [[service.real]]
              address = "10.0.0.2"
              method = "nat"
            """;

    /** Facts of a healthy host, each test breaking one thing. */
    private static final class Host {
        Config config;
        final Map<String, String> sysctls = new HashMap<>(Map.of(Diagnosis.IP_FORWARD, "1", Diagnosis.IPV6_FORWARDING, "0",
                Diagnosis.VS_CONNTRACK, "1", "net.ipv4.conf.all.rp_filter", "0", "net.ipv4.conf.all.arp_ignore", "0",
                "net.ipv4.conf.all.arp_announce", "0"));
        final List<LocalAddress> addresses = new ArrayList<>();
        DaemonView daemon;
        Map<String, Long> markPackets;
        final List<String> markUnmoved = new ArrayList<>();
        Map<Long, Long> fwmarkConnections = Map.of();
        final List<ForeignRule> vrrpDrops = new ArrayList<>();

        Host(String toml) {
            LoadResult r = ConfigLoader.parse(toml, "t.toml");
            if (!(r instanceof LoadResult.Loaded loaded)) {
                throw new AssertionError(((LoadResult.Failed) r).errors().toString());
            }
            config = loaded.config();
        }

        Host address(String dev, String address, int prefixLength) throws Exception {
            addresses.add(new LocalAddress(dev, InetAddress.getByName(address), prefixLength));
            return this;
        }

        List<String> lines() {
            Facts facts = new Facts(config, sysctls, addresses, daemon, markPackets, markUnmoved, fwmarkConnections,
                    vrrpDrops, new LinkedHashMap<>());
            return Diagnosis.of(facts).stream().map(Finding::line).toList();
        }
    }

    private static Host natHost() throws Exception {
        return new Host(NAT_SERVICE).address("eth0", "192.0.2.10", 24).address("eth1", "10.0.0.1", 24);
    }

    @Test
    void aHealthyNatDirectorHasNoFinding() throws Exception {
        assertEquals(List.of(), natHost().lines());
    }

    @Test
    void ipForwardOffWithANatService() throws Exception {
        Host h = natHost();
        h.sysctls.put(Diagnosis.IP_FORWARD, "0");
        assertEquals(List.of("doctor: NAT service TCP 192.0.2.10:80: net.ipv4.ip_forward is 0: replies from real servers will"
                + " not be forwarded; set it in [sysctl] (net.ipv4.ip_forward = 1)"), h.lines());
    }

    @Test
    void ipForwardOffWithoutNatIsFine() throws Exception {
        Host h = new Host(NAT_SERVICE.replace("method = \"nat\"", "method = \"dr\""))
                .address("eth0", "192.0.2.10", 24);
        h.sysctls.put(Diagnosis.IP_FORWARD, "0");
        assertEquals(List.of(), h.lines());
    }

    @Test
    void ipv6ForwardingOffWithAnIpv6NatService() throws Exception {
        Host h = new Host(NAT_SERVICE.replace("192.0.2.10", "2001:db8::10").replace("10.0.0.2", "fd00::2"))
                .address("eth0", "2001:db8::10", 64);
        assertEquals(List.of("doctor: NAT service TCP [2001:db8::10]:80: net.ipv6.conf.all.forwarding is 0: replies from real"
                + " servers will not be forwarded; set it in [sysctl] (net.ipv6.conf.all.forwarding = 1)"), h.lines());
    }

    @Test
    void conntrackOffWithAnIpvsOnlyMasquerade() throws Exception {
        Host h = new Host(NAT_SERVICE + """
                [[masquerade]]
                out_interface = "eth1"
                ipvs_only = true
                """).address("eth0", "192.0.2.10", 24).address("eth1", "10.0.0.1", 24);
        h.sysctls.put(Diagnosis.VS_CONNTRACK, "0");
        assertEquals(List.of("doctor: [[masquerade]] with ipvs_only at line 8: net.ipv4.vs.conntrack is 0: IPVS connections"
                + " get no conntrack entry, so the rule never matches their replies; set it in [sysctl]"
                + " (net.ipv4.vs.conntrack = 1)"), h.lines());
        h.config = new Host(NAT_SERVICE + "[[masquerade]]\nsource = \"10.0.0.0/24\"\nipvs_only = false\n").config;
        assertEquals(List.of(), h.lines());
    }

    @Test
    void strictRpFilterOnTheRealServersInterfaceOrAll() throws Exception {
        Host h = natHost();
        h.sysctls.put("net.ipv4.conf.eth1.rp_filter", "1");
        assertEquals(List.of("doctor: NAT service TCP 192.0.2.10:80 real server 10.0.0.2 (on eth1):"
                + " net.ipv4.conf.eth1.rp_filter is 1 (strict): its replies are dropped when they arrive on another interface"
                + " than the route back to it uses; set net.ipv4.conf.eth1.rp_filter = 2 (loose) in [sysctl]"), h.lines());
        h.sysctls.put("net.ipv4.conf.eth1.rp_filter", "2");
        assertEquals(List.of(), h.lines());
        h.sysctls.put("net.ipv4.conf.all.rp_filter", "1");
        assertEquals(1, h.lines().size());
        assertEquals(true, h.lines().get(0).contains("net.ipv4.conf.all.rp_filter is 1 (strict)"));
    }

    @Test
    void aServiceVipOnNoInterface() throws Exception {
        Host h = new Host(NAT_SERVICE).address("eth1", "10.0.0.1", 24);
        assertEquals(List.of("doctor: service TCP 192.0.2.10:80: its address 192.0.2.10 is on no interface: IPVS only takes"
                + " packets addressed to this host; add it as a [[static_ipaddress]], or to a [[vrrp_instance]]'s"
                + " virtual_ipaddress"), h.lines());
    }

    @Test
    void aStaticAddressOnNoInterface() throws Exception {
        Host h = new Host(NAT_SERVICE + """
                [[static_ipaddress]]
                address = "192.0.2.10/32"
                dev = "lo"
                """).address("eth1", "10.0.0.1", 24);
        assertEquals(List.of("doctor: static address 192.0.2.10 on lo: is on no interface; the daemon puts it back within a"
                + " pass: is ipvsd running (ipvsctl status)? is lo there?"), h.lines());
        h.address("lo", "192.0.2.10", 32);
        assertEquals(List.of(), h.lines());
    }

    private static final String VRRP = NAT_SERVICE + """
            [[vrrp_instance]]
            name = "VI_1"
            interface = "eth0"
            virtual_router_id = 51
            virtual_ipaddress = ["192.0.2.10/24"]
            """;

    private static Vrrp instance(String state, Map<String, Long> dropped, List<String> warnings) {
        return new Vrrp("VI_1", "eth0", 51, state, List.of(), dropped, warnings);
    }

    @Test
    void aMastersVipOnNoInterfaceAndABackupHoldingOne() throws Exception {
        Host h = new Host(VRRP).address("eth1", "10.0.0.1", 24);
        h.daemon = new DaemonView("/etc/ipvsd.toml", List.of(), List.of(instance("MASTER", Map.of(), List.of())));
        assertEquals(List.of("doctor: VRRP instance VI_1 (MASTER) address 192.0.2.10: is on no interface: clients reach nobody;"
                + " look for who deleted it (ip monitor address); ipvsd adds it back on its next pass or transition"), h.lines());
        h.address("eth0", "192.0.2.10", 24);
        assertEquals(List.of(), h.lines());
        h.daemon = new DaemonView("/etc/ipvsd.toml", List.of(), List.of(instance("BACKUP", Map.of(), List.of())));
        assertEquals(List.of("doctor: VRRP instance VI_1 (BACKUP) address 192.0.2.10: is on eth0 though this node is not"
                + " MASTER: the master holds it too; remove it (ip address del) or find what added it"), h.lines());
    }

    @Test
    void withoutTheDaemonVrrpAddressesAreNotJudged() throws Exception {
        Host h = new Host(VRRP).address("eth1", "10.0.0.1", 24);
        assertEquals(List.of(), h.lines());
    }

    @Test
    void splitBrainWarningsAndRejectedAdverts() throws Exception {
        Host h = new Host(VRRP).address("eth0", "192.0.2.10", 24).address("eth1", "10.0.0.1", 24);
        String warning = "192.0.2.10 is also held by 52:54:00:00:00:02: another node is master of VRID 51 too and its adverts"
                + " do not reach this node (multicast filtered?)";
        h.daemon = new DaemonView("/etc/ipvsd.toml", List.of(),
                List.of(instance("MASTER", Map.of("auth_password", 7L), List.of(warning))));
        assertEquals(List.of(
                "doctor: VRRP instance VI_1 (VRID 51 on eth0, MASTER): adverts rejected: auth_password 7; make the peers'"
                        + " settings match (authentication, advert_int, virtual_ipaddress, unicast_peer); the daemon's log names"
                        + " the sender",
                "doctor: VRRP instance VI_1 (VRID 51 on eth0, MASTER): " + warning + "; both nodes are MASTER: let the adverts"
                        + " through (IP protocol 112, multicast 224.0.0.18) or use unicast_peer"), h.lines());
    }

    @Test
    void aFaultInstance() throws Exception {
        Host h = new Host(VRRP).address("eth1", "10.0.0.1", 24);
        h.daemon = new DaemonView("/etc/ipvsd.toml", List.of(),
                List.of(new Vrrp("VI_1", "eth0", 51, "FAULT", List.of("eth0 is down"), Map.of(), List.of())));
        assertEquals(List.of("doctor: VRRP instance VI_1 (VRID 51 on eth0, FAULT): is in FAULT: eth0 is down; fix the tracked"
                + " interface or service it names"), h.lines());
    }

    @Test
    void aForeignTableDroppingVrrpMattersOnlyWithVrrp() throws Exception {
        Host h = new Host(VRRP).address("eth0", "192.0.2.10", 24).address("eth1", "10.0.0.1", 24);
        h.vrrpDrops.add(new ForeignRule("inet filter input handle 4"));
        assertEquals(List.of("doctor: firewall rule inet filter input handle 4: drops IP protocol 112 (VRRP): this node hears no"
                + " adverts and becomes MASTER beside the peer; accept protocol 112 from the peer before that rule"
                + " (nft insert rule ... ip protocol vrrp accept)"), h.lines());
        Host noVrrp = natHost();
        noVrrp.vrrpDrops.add(new ForeignRule("inet filter input handle 4"));
        assertEquals(List.of(), noVrrp.lines());
    }

    private static final String FWMARK = """
            [[mark]]
            fwmark = 7
            address = "192.0.2.20"
            protocol = "tcp"
            [[service]]
            fwmark = 7
              [[service.real]]
              address = "192.0.2.31"
            """;

    @Test
    void aMarkRuleThatNeverCounted() throws Exception {
        Host h = new Host(FWMARK).address("eth0", "192.0.2.1", 24);
        h.markPackets = Map.of("fwmark7", 0L);
        h.markUnmoved.add("fwmark7");
        assertEquals(List.of("doctor: [[mark]] fwmark 7 at line 1 (rule fwmark7): its nft counter stayed at 0 while the service"
                + " has real servers: no packet matches it; compare its address, protocol, ports and in_interface with the"
                + " traffic (nft list table inet ipvsd)"), h.lines());
        h.fwmarkConnections = Map.of(7L, 12L);
        assertEquals(List.of("doctor: [[mark]] fwmark 7 at line 1 (rule fwmark7): its nft counter is 0 while the service counted"
                + " 12 connections: they are marked elsewhere; compare its address, protocol, ports and in_interface with the"
                + " traffic (nft list table inet ipvsd)"), h.lines());
    }

    @Test
    void aMarkRuleThatCountedOnceOrHasNoRealServersIsFine() throws Exception {
        Host h = new Host(FWMARK).address("eth0", "192.0.2.1", 24);
        h.markPackets = Map.of("fwmark7", 5L);
        h.markUnmoved.add("fwmark7");
        assertEquals(List.of(), h.lines());
        Host empty = new Host(FWMARK.substring(0, FWMARK.indexOf("  [[service.real]]"))).address("eth0", "192.0.2.1", 24);
        empty.markPackets = Map.of("fwmark7", 0L);
        empty.markUnmoved.add("fwmark7");
        assertEquals(List.of(), empty.lines());
    }

    @Test
    void realServersDownAndAServiceWithNoneUp() throws Exception {
        Host h = natHost();
        h.daemon = new DaemonView("/etc/ipvsd.toml", List.of(
                new Health("TCP 192.0.2.10:80", "10.0.0.2:80", false, "connection refused"),
                new Health("TCP 192.0.2.10:443", "10.0.0.2:443", false, ""),
                new Health("TCP 192.0.2.10:443", "10.0.0.3:443", true, "")), List.of());
        assertEquals(List.of(
                "doctor: service TCP 192.0.2.10:80 real server 10.0.0.2:80: is down (connection refused); check the server and"
                        + " its health check (ipvsctl status)",
                "doctor: service TCP 192.0.2.10:443 real server 10.0.0.2:443: is down; check the server and its health check"
                        + " (ipvsctl status)",
                "doctor: service TCP 192.0.2.10:80: no real server is up: clients are refused (or get the sorry server);"
                        + " bring a real server back (see the lines above)"), h.lines());
    }

    private static final String LOCAL_DR = """
            [[service]]
            protocol = "tcp"
            address = "192.0.2.10"
            port = 80
              [[service.real]]
              address = "192.0.2.2"
            """;

    @Test
    void aLocalDirectRoutingRealServerNeedsArpIgnoreAndAnnounce() throws Exception {
        Host h = new Host(LOCAL_DR).address("lo", "192.0.2.10", 32).address("eth0", "192.0.2.2", 24);
        h.sysctls.put("net.ipv4.conf.eth0.arp_ignore", "0");
        h.sysctls.put("net.ipv4.conf.eth0.arp_announce", "1");
        assertEquals(List.of(
                "doctor: DR service TCP 192.0.2.10:80 real server 192.0.2.2 (local, on eth0): net.ipv4.conf.eth0.arp_ignore is 0"
                        + " (the higher of all and eth0): this host answers ARP for the VIP and takes the director's traffic;"
                        + " set net.ipv4.conf.all.arp_ignore = 1 (and on eth0)",
                "doctor: DR service TCP 192.0.2.10:80 real server 192.0.2.2 (local, on eth0): net.ipv4.conf.eth0.arp_announce is 1"
                        + " (the higher of all and eth0): this host answers ARP for the VIP and takes the director's traffic;"
                        + " set net.ipv4.conf.all.arp_announce = 2 (and on eth0)"), h.lines());
        h.sysctls.put("net.ipv4.conf.all.arp_ignore", "1");
        h.sysctls.put("net.ipv4.conf.all.arp_announce", "2");
        assertEquals(List.of(), h.lines());
    }

    @Test
    void aRemoteDirectRoutingRealServerIsNotThisHostsBusiness() throws Exception {
        Host h = new Host(LOCAL_DR).address("lo", "192.0.2.10", 32).address("eth0", "192.0.2.1", 24);
        assertEquals(List.of(), h.lines());
    }

    @Test
    void partsThatCouldNotBeReadAreSaidButAreNoProblem() {
        Facts facts = new Facts(null, Map.of(), null, null, null, List.of(), null, null,
                new LinkedHashMap<>(Map.of("daemon", "no status from /run/ipvsd/ipvsd.sock (connection refused)")));
        List<Finding> findings = Diagnosis.of(facts);
        assertEquals(List.of("doctor: not checked: daemon: no status from /run/ipvsd/ipvsd.sock (connection refused)"),
                findings.stream().map(Finding::line).toList());
        assertEquals(Finding.Kind.NOT_CHECKED, findings.get(0).kind());
    }
}
