package io.ipvsd.cli.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.cli.FakeIpvsAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad command lines: exit 2 and exactly one line "ipvsctl: ..." on stderr, nothing on stdout. */
class ListArgumentsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "list --bogus                                | Unknown option: '--bogus'",
        "bogus                                       | Unmatched argument at index 0: 'bogus'",
        "list -t 10.0.0.1:80 -u 10.0.0.1:53          | give one service: -t, -u, --sctp-service or -f",
        "list -f 1 --sctp-service 10.0.0.2:3868      | give one service: -t, -u, --sctp-service or -f",
        "list -t 10.0.0.1:80 -t 10.0.0.2:80          | should be specified only once",
        "list -t                                     | Missing required parameter for option '--tcp-service'",
        "list -t www.example.com:80                  | 'www.example.com:80' is not ADDR[:PORT]",
        "list -t 10.0.0.1:http                       | '10.0.0.1:http' is not ADDR[:PORT]",
        "list -t 10.0.0.1:65536                      | '10.0.0.1:65536' is not ADDR[:PORT]",
        "list -t 10.0.0.300:80                       | '10.0.0.300:80' is not ADDR[:PORT]",
        "list -t [2001:db8::1]80                     | '[2001:db8::1]80' is not ADDR[:PORT]",
        "list -f 0                                   | invalid fwmark value '0'",
        "list -f 4294967296                          | invalid fwmark value '4294967296'",
        "list -f x                                   | invalid fwmark value 'x'",
        "list -6                                     | -6 applies to a firewall-mark service",
        "list -t 10.0.0.1:80 -6                      | -6 applies to a firewall-mark service",
        "list -c --stats                             | cannot be combined with --stats, --rate or --thresholds",
        "list -c --rate                              | cannot be combined with --stats, --rate or --thresholds",
        "list -c --thresholds                        | cannot be combined with --stats, --rate or --thresholds",
        "list -c -t 10.0.0.1:80                      | select them with --service and --client",
        "list --service 10.0.0.1:80                  | --service and --client select connections: they need -c",
        "list --client 10.0.0.1                      | --service and --client select connections: they need -c",
        "list -c --client 10.0.0.1:5                 | not an IP address: 10.0.0.1:5",
        "list -c --service foo                       | 'foo' is not ADDR[:PORT]",
    })
    void usageErrorIsOneLineAndExit2(String commandLine, String message) {
        FakeIpvsAccess access = CapturedTables.shapes();
        Run r = Run.of(access, commandLine.split(" "));
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("ipvsctl: "), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals(0, access.openTables, "a usage error reads nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"list -t 10.0.0.3", "list -t 10.0.0.3:0", "list --tcp-service=10.0.0.3:0"})
    void serviceWithoutPortMeansPortZero(String commandLine) {
        Run r = Run.of(CapturedTables.shapes(), commandLine.split(" "));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("TCP  10.0.0.3:0 rr persistent 60\n"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"list -nc --exact", "list --numeric --sort --stats --exact", "list -X --rate", "list -n -f 2 -6"})
    void ipvsadmSpellingsAreAccepted(String commandLine) {
        Run r = Run.of(CapturedTables.shapes(), commandLine.split(" "));
        assertEquals(0, r.code(), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "list --help", "list -h"})
    void helpGoesToStdoutWithExit0(String commandLine) {
        Run r = Run.of(new FakeIpvsAccess(), commandLine.split(" "));
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: ipvsctl"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void noCommandPrintsUsageToStderrWithExit2() {
        Run r = Run.of(new FakeIpvsAccess());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("Usage: ipvsctl"), r.err());
        assertTrue(r.err().contains("list"), r.err());
    }
}
