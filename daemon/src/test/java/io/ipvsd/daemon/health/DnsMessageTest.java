package io.ipvsd.daemon.health;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The DNS check's messages. The query bytes are laid out by hand from RFC 1035 section 4.1.1
 * (header) and 4.1.2 (question); they are the bytes keepalived's dns_make_query writes for the same
 * id, name and type (RD set, one question, class IN). The answers are built the same way (flags
 * 8580: QR, AA, RD, RA); a real server's answers are judged in {@link HealthChecksNetnsTest}.
 */
class DnsMessageTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void queryForANameAndType() {
        assertArrayEquals(HEX.parseHex("1234" + "0100" + "0001" + "0000" + "0000" + "0000"
                        + "03777777" + "076578616d706c65" + "0474657374" + "00" + "0001" + "0001"),
                DnsMessage.query(0x1234, "www.example.test", DnsType.A));
        assertArrayEquals(DnsMessage.query(0x1234, "www.example.test", DnsType.A),
                DnsMessage.query(0x1234, "www.example.test.", DnsType.A), "a trailing dot changes nothing");
    }

    @Test
    void rootQueryIsASingleZeroLabel() {
        assertArrayEquals(HEX.parseHex("beef" + "0100" + "0001" + "0000" + "0000" + "0000" + "00" + "0006" + "0001"),
                DnsMessage.query(0xbeef, ".", DnsType.SOA));
        assertArrayEquals(DnsMessage.query(0xbeef, ".", DnsType.SOA), DnsMessage.query(0xbeef, "", DnsType.SOA));
    }

    @Test
    void namesThatCannotBeEncodedAreRefused() {
        assertEquals("label \"\" is not 1..63 characters", DnsMessage.nameProblem("a..b"));
        assertEquals("label \"" + "x".repeat(64) + "\" is not 1..63 characters", DnsMessage.nameProblem("x".repeat(64)));
        assertEquals("name is longer than 255 bytes in DNS form",
                DnsMessage.nameProblem(("x".repeat(63) + ".").repeat(4)));
        assertNull(DnsMessage.nameProblem("x".repeat(63) + ".example"));
        assertThrows(IllegalArgumentException.class, () -> new DnsCheck(CheckAddress.REAL_SERVER, "a..b", DnsType.A));
    }

    @Test
    void answerWithTheSameIdQrAndNoErrorPasses() {
        byte[] answer = HEX.parseHex("1234" + "8580" + "0001" + "0001" + "0000" + "0000"
                + "03777777076578616d706c65047465737400" + "0001" + "0001"
                + "c00c" + "0001" + "0001" + "00000000" + "0004" + "c0000202");
        assertEquals(DnsMessage.Verdict.ANSWER, DnsMessage.judge(0x1234, answer, answer.length));
    }

    @Test
    void anotherIdAQueryOrAShortDatagramIsIgnoredAsKeepalivedDoes() {
        byte[] answer = HEX.parseHex("1234" + "8580" + "0001" + "0000" + "0000" + "0000");
        assertEquals(DnsMessage.Verdict.IGNORE, DnsMessage.judge(0x1235, answer, answer.length));
        byte[] query = DnsMessage.query(0x1234, "example.test", DnsType.A);
        assertEquals(DnsMessage.Verdict.IGNORE, DnsMessage.judge(0x1234, query, query.length));
        assertEquals(DnsMessage.Verdict.IGNORE, DnsMessage.judge(0x1234, answer, 11));
    }

    @Test
    void anErrorRcodeFails() {
        byte[] nxdomain = HEX.parseHex("1234" + "8583" + "0001" + "0000" + "0000" + "0000");
        assertEquals(DnsMessage.Verdict.ERROR, DnsMessage.judge(0x1234, nxdomain, nxdomain.length));
        assertEquals(3, DnsMessage.rcode(nxdomain));
        byte[] refused = HEX.parseHex("1234" + "8105" + "0001" + "0000" + "0000" + "0000");
        assertEquals(DnsMessage.Verdict.ERROR, DnsMessage.judge(0x1234, refused, refused.length));
    }
}
