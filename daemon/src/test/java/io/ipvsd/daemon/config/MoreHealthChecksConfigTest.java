package io.ipvsd.daemon.config;

import static io.ipvsd.daemon.config.ConfigTesting.config;
import static io.ipvsd.daemon.config.ConfigTesting.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ipvsd.daemon.health.AllChecks;
import io.ipvsd.daemon.health.CheckAddress;
import io.ipvsd.daemon.health.CheckPolicy;
import io.ipvsd.daemon.health.DnsCheck;
import io.ipvsd.daemon.health.DnsType;
import io.ipvsd.daemon.health.HttpCheck;
import io.ipvsd.daemon.health.HttpUrl;
import io.ipvsd.daemon.health.PingCheck;
import io.ipvsd.daemon.health.SmtpCheck;
import io.ipvsd.daemon.health.TcpCheck;
import io.ipvsd.daemon.health.UdpCheck;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks of issue 13 in the syntax of contract A: ping, udp, dns, smtp, HTTP urls, health_checks. */
class MoreHealthChecksConfigTest {
    /** Four lines: a service's health_check in a test is on line 5. */
    private static final String UDP_53_SERVICE = """
            [[service]]
            protocol = "udp"
            address = "192.0.2.10"
            port = 53
            """;
    private static final String ONE_REAL = """
            [[service.real]]
            address = "198.51.100.11"
            """;

    private static List<CheckPolicy> policies(String toml) {
        return config(toml).services().get(0).reals().stream().map(RealServerConfig::health).toList();
    }

    private static CheckPolicy onlyPolicy(String toml) {
        List<CheckPolicy> policies = policies(toml);
        assertEquals(1, policies.size());
        return policies.get(0);
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void pingWithAndWithoutConnectIp() throws Exception {
        assertEquals(new PingCheck(null), onlyPolicy(UDP_53_SERVICE + "health_check = { type = \"ping\" }\n" + ONE_REAL).spec());
        assertEquals(new PingCheck(ip("198.51.100.99")), onlyPolicy(UDP_53_SERVICE
                + "health_check = { type = \"ping\", connect_ip = \"198.51.100.99\" }\n" + ONE_REAL).spec());
    }

    @Test
    void udpDefaultsAndKeys() throws Exception {
        assertEquals(new UdpCheck(CheckAddress.REAL_SERVER, "", false, ""),
                onlyPolicy(UDP_53_SERVICE + "health_check = { type = \"udp\" }\n" + ONE_REAL).spec());
        assertEquals(new UdpCheck(new CheckAddress(5353, ip("198.51.100.12"), ip("192.0.2.1")), "0aff", true, "be"),
                onlyPolicy(UDP_53_SERVICE + """
                        health_check = { type = "udp", connect_port = 5353, connect_ip = "198.51.100.12", bind_ip = "192.0.2.1", payload_hex = "0AfF", expect_reply_hex = "BE" }
                        """ + ONE_REAL).spec(), "expect_reply_hex implies require_reply; hex is read in either case");
    }

    @Test
    void dnsDefaultsToTheRootSoaOnPort53() {
        assertEquals(new DnsCheck(CheckAddress.port(53), ".", DnsType.SOA),
                onlyPolicy(UDP_53_SERVICE + "health_check = { type = \"dns\" }\n" + ONE_REAL).spec());
        assertEquals(new DnsCheck(CheckAddress.port(5300), "www.example.test", DnsType.AAAA),
                onlyPolicy(UDP_53_SERVICE + """
                        health_check = { type = "dns", connect_port = 5300, query_name = "www.example.test", query_type = "AAAA" }
                        """ + ONE_REAL).spec());
    }

    @Test
    void smtpDefaultsToPort25AndItsOwnHeloName() {
        assertEquals(new SmtpCheck(CheckAddress.port(25), "smtpchecker.ipvsd"),
                onlyPolicy(UDP_53_SERVICE + "health_check = { type = \"smtp\" }\n" + ONE_REAL).spec());
        assertEquals(new SmtpCheck(CheckAddress.port(2525), "lb1.example"),
                onlyPolicy(UDP_53_SERVICE + "health_check = { type = \"smtp\", connect_port = 2525, helo_name = \"lb1.example\" }\n"
                        + ONE_REAL).spec());
    }

    @Test
    void httpUrlsWithDigestsConnectIpBindIpAndHost() throws Exception {
        HttpCheck http = assertInstanceOf(HttpCheck.class, onlyPolicy(UDP_53_SERVICE + """
                [service.health_check]
                type = "http"
                host = "www.example.test"
                connect_ip = "198.51.100.50"
                bind_ip = "192.0.2.1"
                urls = [
                  { path = "/a", digest = "B1946AC92492D2347C6235B4D2611184" },
                  { path = "/b", expect_status = [200, 204], body_contains = "ok" },
                ]
                """ + ONE_REAL).spec());
        assertEquals(new HttpCheck(false, false, "www.example.test", List.of(
                        new HttpUrl("/a", Set.of(200), null, null, "b1946ac92492d2347c6235b4d2611184"),
                        new HttpUrl("/b", Set.of(200, 204), "ok", null, null)),
                        new CheckAddress(0, ip("198.51.100.50"), ip("192.0.2.1"))), http);
    }

    @Test
    void healthChecksAllMustPassEachWithItsOwnTiming() {
        CheckPolicy policy = onlyPolicy(UDP_53_SERVICE + """
                health_checks = [
                  { type = "ping", interval = "1s" },
                  { type = "dns", query_name = "example.test", query_type = "A", interval = "5s", fall = 2 },
                ]
                """ + ONE_REAL);
        List<CheckPolicy> checks = assertInstanceOf(AllChecks.class, policy.spec()).checks();
        assertEquals(new PingCheck(null), checks.get(0).spec());
        assertEquals(Duration.ofSeconds(1), checks.get(0).interval());
        assertEquals(new DnsCheck(CheckAddress.port(53), "example.test", DnsType.A), checks.get(1).spec());
        assertEquals(2, checks.get(1).fall());
    }

    @Test
    void aRealServersOwnChecksReplaceTheServicesHealthChecksWhole() {
        List<CheckPolicy> policies = policies(UDP_53_SERVICE + """
                health_checks = [ { type = "ping" }, { type = "dns" } ]
                [[service.real]]
                address = "198.51.100.11"
                [[service.real]]
                address = "198.51.100.12"
                health_check = { type = "udp", require_reply = true }
                [[service.real]]
                address = "198.51.100.13"
                health_checks = [ { type = "tcp", connect_port = 53 } ]
                """);
        assertEquals(2, assertInstanceOf(AllChecks.class, policies.get(0).spec()).checks().size());
        assertEquals(new UdpCheck(CheckAddress.REAL_SERVER, "", true, ""), policies.get(1).spec());
        assertEquals(new TcpCheck(53), policies.get(2).spec(), "a list of one check is that check");
    }

    @Test
    void badValuesNameTheRule() {
        assertEquals(List.of(
                        "test.toml:5:1: service.health_checks: not together with health_check: write every check in health_checks",
                        "test.toml:13:46: service.real.health_check.payload_hex: must be hex digits, two per byte (e.g. \"0a1b\"), got \"abc\"",
                        "test.toml:13:94: service.real.health_check.require_reply: must not be false with expect_reply_hex, which needs a reply",
                        "test.toml:16:45: service.real.health_check.query_name: not a DNS name: label \"\" is not 1..63 characters",
                        "test.toml:16:66: service.real.health_check.query_type: must be one of A, NS, CNAME, SOA, MX, TXT, AAAA; got \"PTR\"",
                        "test.toml:19:45: service.real.health_check.helo_name: must be a non-empty name of printable ASCII without spaces, got \"a b\"",
                        "test.toml:22:33: service.real.health_check.path: not together with urls: write it in each of the urls tables",
                        "test.toml:22:52: service.real.health_check.urls: must not be empty",
                        "test.toml:25:65: service.real.health_check.urls.digest: must be an MD5 digest: 32 hex digits (as keepalived's genhash prints), got \"abc\"",
                        "test.toml:28:33: service.real.health_check.bind_ip: not valid for type = \"ping\"",
                        "test.toml:31:71: service.real.health_check.bind_ip: is not of the family of connect_ip (198.51.100.1)",
                        "test.toml:34:17: service.real.health_checks: must not be empty"),
                errors("""
                        [[service]]
                        protocol = "udp"
                        address = "192.0.2.10"
                        port = 53
                        health_checks = [ { type = "ping" } ]
                        health_check = { type = "ping" }
                        [[service]]
                        protocol = "udp"
                        address = "192.0.2.11"
                        port = 53
                        [[service.real]]
                        address = "198.51.100.11"
                        health_check = { type = "udp", payload_hex = "abc", expect_reply_hex = "00", require_reply = false }
                        [[service.real]]
                        address = "198.51.100.12"
                        health_check = { type = "dns", query_name = "a..b", query_type = "PTR" }
                        [[service.real]]
                        address = "198.51.100.13"
                        health_check = { type = "smtp", helo_name = "a b" }
                        [[service.real]]
                        address = "198.51.100.14"
                        health_check = { type = "http", path = "/", urls = [] }
                        [[service.real]]
                        address = "198.51.100.15"
                        health_check = { type = "http", urls = [ { path = "/", digest = "abc" } ] }
                        [[service.real]]
                        address = "198.51.100.16"
                        health_check = { type = "ping", bind_ip = "192.0.2.1" }
                        [[service.real]]
                        address = "198.51.100.17"
                        health_check = { type = "tcp", connect_ip = "198.51.100.1", bind_ip = "2001:db8::1" }
                        [[service.real]]
                        address = "198.51.100.18"
                        health_checks = []
                        """));
    }
}
