package io.ipvsd.daemon.config;

import io.ipvsd.daemon.health.CheckPolicy;
import io.ipvsd.daemon.health.ExecCheck;
import io.ipvsd.daemon.health.HttpCheck;
import io.ipvsd.daemon.health.TcpCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.ipvsd.daemon.config.ConfigTesting.config;
import static io.ipvsd.daemon.config.ConfigTesting.error;
import static io.ipvsd.daemon.config.ConfigTesting.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

class HealthCheckConfigTest {
    /** Four lines: a service's health_check in a test is on line 5. */
    private static final String TCP_80_SERVICE = """
            [[service]]
            protocol = "tcp"
            address = "192.0.2.10"
            port = 80
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

    @Test
    void withoutHealthCheckARealServerIsAlwaysUp() {
        assertEquals(CheckPolicy.none(), onlyPolicy(TCP_80_SERVICE + ONE_REAL));
    }

    @Test
    void everyCommonKey() {
        assertEquals(new CheckPolicy(new TcpCheck(8080), Duration.ofSeconds(2), Duration.ofSeconds(1), 4, 2,
                        Duration.ofMillis(500), false, Duration.ofSeconds(30)),
                onlyPolicy(TCP_80_SERVICE + """
                        health_check = { type = "tcp", interval = "2s", timeout = "1s", fall = 4, rise = 2, retry_delay = "500ms", initial_state = "down", warmup = "30s", connect_port = 8080 }
                        """ + ONE_REAL));
    }

    @Test
    void defaultsAreThoseOfCheckPolicyNoneAndRetryDelayFollowsInterval() {
        CheckPolicy none = CheckPolicy.none();
        assertEquals(new CheckPolicy(new TcpCheck(0), none.interval(), none.timeout(), none.fall(), none.rise(),
                        none.interval(), none.initiallyUp(), none.warmup()),
                onlyPolicy(TCP_80_SERVICE + "health_check = { type = \"tcp\" }\n" + ONE_REAL));
        assertEquals(Duration.ofSeconds(2), onlyPolicy(TCP_80_SERVICE
                + "health_check = { type = \"tcp\", interval = \"2s\" }\n" + ONE_REAL).retryDelay());
    }

    @Test
    void timeoutMayExceedInterval() {
        CheckPolicy policy = onlyPolicy(TCP_80_SERVICE
                + "health_check = { type = \"tcp\", interval = \"1s\", timeout = \"2s\" }\n" + ONE_REAL);

        assertEquals(Duration.ofSeconds(2), policy.timeout());
    }

    @Test
    void httpWithEveryKeyAsASubTable() {
        CheckPolicy policy = onlyPolicy(TCP_80_SERVICE + """
                [service.health_check]
                type = "http"
                path = "/healthz"
                expect_status = [200, 204]
                host = "example.org"
                body_contains = "ok"
                body_regex = "up|ready"
                connect_port = 8080
                """ + ONE_REAL);

        HttpCheck http = assertInstanceOf(HttpCheck.class, policy.spec());
        assertEquals(false, http.tls());
        assertEquals(false, http.verifyTls());
        assertEquals("/healthz", http.urls().get(0).path());
        assertEquals("example.org", http.host());
        assertEquals(Set.of(200, 204), http.urls().get(0).expectStatus());
        assertEquals("ok", http.urls().get(0).bodyContains());
        assertEquals("up|ready", http.urls().get(0).bodyRegex().pattern());
        assertEquals(8080, http.connectPort());
    }

    @Test
    void httpsDefaults() {
        CheckPolicy policy = onlyPolicy(TCP_80_SERVICE + "health_check = { type = \"https\" }\n" + ONE_REAL);

        HttpCheck https = assertInstanceOf(HttpCheck.class, policy.spec());
        assertEquals(true, https.tls());
        assertEquals(false, https.verifyTls());
        assertEquals("/", https.urls().get(0).path());
        assertEquals(Set.of(200), https.urls().get(0).expectStatus());
        assertNull(https.host());
        assertNull(https.urls().get(0).bodyContains());
        assertNull(https.urls().get(0).bodyRegex());
        assertEquals(0, https.connectPort());
    }

    @Test
    void httpsCanVerifyTheCertificate() {
        CheckPolicy policy = onlyPolicy(TCP_80_SERVICE
                + "health_check = { type = \"https\", tls_verify = true }\n" + ONE_REAL);

        assertEquals(true, ((HttpCheck) policy.spec()).verifyTls());
    }

    @Test
    void execCheck() {
        assertEquals(new ExecCheck(List.of("/usr/local/bin/check", "--fast"), true), onlyPolicy(TCP_80_SERVICE + """
                health_check = { type = "exec", command = ["/usr/local/bin/check", "--fast"], dynamic_weight = true }
                """ + ONE_REAL).spec());
        assertEquals(new ExecCheck(List.of("/bin/true"), false), onlyPolicy(TCP_80_SERVICE + """
                health_check = { type = "exec", command = ["/bin/true"] }
                """ + ONE_REAL).spec());
    }

    @Test
    void typeNoneIsNoCheck() {
        assertEquals(CheckPolicy.none(), onlyPolicy(TCP_80_SERVICE + "health_check = { type = \"none\" }\n" + ONE_REAL));
    }

    @Test
    void realServerOverridesInheritTimingAlwaysAndTypeKeysOnlyForTheSameType() {
        List<CheckPolicy> policies = policies(TCP_80_SERVICE + """
                health_check = { type = "http", path = "/healthz", interval = "2s" }
                [[service.real]]
                address = "198.51.100.11"
                [[service.real]]
                address = "198.51.100.12"
                health_check = { path = "/other" }
                [[service.real]]
                address = "198.51.100.13"
                health_check = { type = "tcp", rise = 2 }
                [[service.real]]
                address = "198.51.100.14"
                health_check = { type = "none" }
                [[service.real]]
                address = "198.51.100.15"
                health_check = { type = "http", expect_status = [301] }
                """);

        assertEquals("/healthz", ((HttpCheck) policies.get(0).spec()).urls().get(0).path());
        assertEquals("/other", ((HttpCheck) policies.get(1).spec()).urls().get(0).path());
        assertEquals(new TcpCheck(0), policies.get(2).spec());
        assertEquals(2, policies.get(2).rise());
        assertEquals(CheckPolicy.none(), policies.get(3));
        HttpCheck sameType = (HttpCheck) policies.get(4).spec();
        assertEquals("/healthz", sameType.urls().get(0).path());
        assertEquals(Set.of(301), sameType.urls().get(0).expectStatus());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2),
                        CheckPolicy.none().interval(), Duration.ofSeconds(2)),
                policies.stream().map(CheckPolicy::interval).toList());
    }

    @Test
    void aRealServerMayBeCheckedWhenItsServiceIsNot() {
        List<CheckPolicy> policies = policies(TCP_80_SERVICE + """
                [[service.real]]
                address = "198.51.100.11"
                health_check = { type = "tcp" }
                [[service.real]]
                address = "198.51.100.12"
                """);

        assertEquals(new TcpCheck(0), policies.get(0).spec());
        assertEquals(CheckPolicy.none(), policies.get(1));
    }

    @Test
    void keysOfAnotherTypeAreRejectedByName() {
        assertEquals(List.of(
                        "test.toml:5:32: service.health_check.path: not valid for type = \"tcp\"",
                        "test.toml:5:44: service.health_check.tls_verify: not valid for type = \"tcp\"",
                        "test.toml:10:33: service.health_check.tls_verify: not valid for type = \"http\"",
                        "test.toml:15:33: service.health_check.interval: not valid for type = \"none\""),
                errors(TCP_80_SERVICE + """
                        health_check = { type = "tcp", path = "/", tls_verify = true }
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.11"
                        port = 80
                        health_check = { type = "http", tls_verify = true }
                        [[service]]
                        protocol = "tcp"
                        address = "192.0.2.12"
                        port = 80
                        health_check = { type = "none", interval = "1s" }
                        """));
    }

    @Test
    void badValues() {
        assertEquals(List.of(
                        "test.toml:7:25: service.real.health_check.type: must be one of tcp, http, https, ping, udp, dns, smtp, exec, none; "
                                + "got \"icmp\"",
                        "test.toml:10:16: service.real.health_check: missing required key \"type\"",
                        "test.toml:13:39: service.real.health_check.fall: must be in 1..1000, got 0",
                        "test.toml:13:52: service.real.health_check.timeout: must be greater than 0",
                        "test.toml:16:16: service.real.health_check: missing required key \"command\"",
                        "test.toml:19:43: service.real.health_check.command: must not be empty",
                        "test.toml:22:40: service.real.health_check.path: must start with '/', got \"healthz\"",
                        "test.toml:22:68: service.real.health_check.expect_status: must be in 100..599, got 99",
                        "test.toml:25:46: service.real.health_check.body_regex: bad regular expression: "
                                + "Unclosed group near index 1",
                        "test.toml:25:67: service.real.health_check.initial_state: must be one of up, down; got \"maybe\"",
                        "test.toml:28:32: service.real.health_check.intervall: unknown key (did you mean \"interval\"?)"),
                errors(TCP_80_SERVICE + """
                        [[service.real]]
                        address = "198.51.100.11"
                        health_check = { type = "icmp" }
                        [[service.real]]
                        address = "198.51.100.12"
                        health_check = { interval = "2s" }
                        [[service.real]]
                        address = "198.51.100.13"
                        health_check = { type = "tcp", fall = 0, timeout = "0s" }
                        [[service.real]]
                        address = "198.51.100.14"
                        health_check = { type = "exec" }
                        [[service.real]]
                        address = "198.51.100.15"
                        health_check = { type = "exec", command = [] }
                        [[service.real]]
                        address = "198.51.100.16"
                        health_check = { type = "http", path = "healthz", expect_status = [99] }
                        [[service.real]]
                        address = "198.51.100.17"
                        health_check = { type = "http", body_regex = "(", initial_state = "maybe" }
                        [[service.real]]
                        address = "198.51.100.18"
                        health_check = { type = "tcp", intervall = "1s" }
                        """));
    }

    @Test
    void aServiceCheckErrorIsReportedOnceHoweverManyRealServersInheritIt() {
        assertEquals("test.toml:5:43: service.health_check.timeout: bad duration \"soon\": expected a number with "
                        + "unit ms, s, m or h, like \"500ms\", \"5s\", \"2m\", \"1h30m\"",
                error(TCP_80_SERVICE + """
                        health_check = { type = "http", timeout = "soon" }
                        [[service.real]]
                        address = "198.51.100.11"
                        [[service.real]]
                        address = "198.51.100.12"
                        health_check = { path = "/x" }
                        """));
    }

    @Test
    void aServiceCheckIsValidatedEvenWithoutRealServers() {
        assertEquals("test.toml:5:16: service.health_check: missing required key \"type\"",
                error(TCP_80_SERVICE + "health_check = { path = \"/\" }\n"));
    }

    @Test
    void portlessRealServersNeedAConnectPort() {
        assertEquals(List.of(
                        "test.toml:6:16: service.health_check: needs connect_port, because the real server's port is 0",
                        "test.toml:13:16: service.real.health_check: needs connect_port, because the real server's "
                                + "port is 0"),
                errors("""
                        [[mark]]
                        fwmark = 1
                        address = "192.0.2.20"
                        [[service]]
                        fwmark = 1
                        health_check = { type = "tcp" }
                        [[service.real]]
                        address = "198.51.100.11"
                        [[service.real]]
                        address = "198.51.100.12"
                        [[service.real]]
                        address = "198.51.100.13"
                        health_check = { type = "http" }
                        [[service.real]]
                        address = "198.51.100.14"
                        health_check = { type = "exec", command = ["/bin/true"] }
                        """));
    }

    @Test
    void healthCheckMustBeATable() {
        assertEquals("test.toml:5:16: service.health_check: expected a table, got string",
                error(TCP_80_SERVICE + "health_check = \"tcp\"\n"));
    }
}
