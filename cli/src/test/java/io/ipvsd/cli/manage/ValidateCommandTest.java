package io.ipvsd.cli.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.cli.FakeIpvsAccess;
import io.ipvsd.cli.Ipvsctl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ipvsctl validate`: errors and warnings share the compilers' FILE:LINE:COL: format. */
class ValidateCommandTest {
    @TempDir
    Path dir;

    @Test
    void warningsStartWithFileLineAndColumnLikeErrors() throws Exception {
        Path file = dir.resolve("ipvsd.toml");
        Files.writeString(file, """
                [[mark]]
                fwmark = 5
                address = "192.0.2.20"
                [[mark]]
                fwmark = 5
                address = "2001:db8::20"
                [[service]]
                fwmark = 5
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Ipvsctl(new FakeIpvsAccess()).execute(new String[] {"validate", file.toString()},
                new PrintStream(out), new PrintStream(err));
        assertEquals(0, code);
        assertEquals(file + ":4:1: warning: mark: no service uses fwmark 5 for IPv6 (FWM 5 IPv6); "
                + "the packets are marked but not balanced\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(file + ": ok (1 services, 2 mark rules, 0 masquerade rules)\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anIpv6LiteralIsNotCalledNotAnAddress() throws Exception {
        Path file = dir.resolve("ipvsd.toml");
        Files.writeString(file, """
                [[service]]
                protocol = "udp"
                address = "::ffff:203.0.113.12"
                port = 53
                [[service]]
                protocol = "udp"
                address = "010.0.0.1"
                port = 53
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Ipvsctl(new FakeIpvsAccess()).execute(new String[] {"validate", file.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(1, code);
        assertEquals(file + ":3:11: service.address: \"::ffff:203.0.113.12\": IPv4-mapped IPv6: write the IPv4 address "
                + "203.0.113.12\n"
                + file + ":7:11: service.address: \"010.0.0.1\": leading zeros are not allowed\n"
                + "ipvsctl: " + file + ": 2 errors\n", err.toString(StandardCharsets.UTF_8));
    }
}
