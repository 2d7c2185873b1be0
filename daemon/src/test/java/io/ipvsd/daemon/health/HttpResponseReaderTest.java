package io.ipvsd.daemon.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {
    private static final HttpUrl STATUS_200 = new HttpUrl("/", Set.of(200), null, null, null);
    private static final HttpUrl BODY_OK = new HttpUrl("/", Set.of(200), "ok", null, null);

    @Test
    void statusOnlyChecksNeedNoMoreThanTheStatusLine() {
        HttpResponseReader reader = HttpResponseReader.forUrl(STATUS_200, 1024);
        feed(reader, "HTTP/1.1 20");
        assertFalse(reader.complete());
        feed(reader, "0 OK\r\n");
        assertTrue(reader.complete());
        assertEquals(CheckResult.success("HTTP 200"), reader.judge(STATUS_200));
    }

    @Test
    void bodyChecksWaitForContentLengthBytes() {
        HttpResponseReader reader = HttpResponseReader.forUrl(BODY_OK, 1024);
        feed(reader, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\ncontent-length: 6\r\n\r\nis o");
        assertFalse(reader.complete());
        feed(reader, "k\n");
        assertTrue(reader.complete());
        assertEquals(CheckResult.success("HTTP 200"), reader.judge(BODY_OK));
    }

    @Test
    void headersSplitAcrossReadsAndBareNewlines() {
        HttpResponseReader reader = HttpResponseReader.forUrl(BODY_OK, 1024);
        feed(reader, "HTTP/1.0 200 OK\nContent-Length: 2\n");
        feed(reader, "\nok");
        assertTrue(reader.complete());
        assertTrue(reader.judge(BODY_OK).ok());
    }

    @Test
    void bodyIsCutAtTheLimit() {
        HttpResponseReader reader = HttpResponseReader.forUrl(BODY_OK, 40);
        feed(reader, "HTTP/1.0 200 OK\r\n\r\n" + "x".repeat(100) + "ok");
        assertTrue(reader.complete());
        assertEquals(CheckResult.failure("HTTP 200 but body lacks \"ok\""), reader.judge(BODY_OK));
    }

    @Test
    void garbageIsAMalformedStatusLine() {
        HttpResponseReader reader = HttpResponseReader.forUrl(STATUS_200, 1024);
        feed(reader, "SSH-2.0-OpenSSH_9.2\r\n");
        assertEquals(CheckResult.failure("HTTP malformed status line: SSH-2.0-OpenSSH_9.2"), reader.judge(STATUS_200));
    }

    @Test
    void nothingAtAll() {
        HttpResponseReader reader = HttpResponseReader.forUrl(STATUS_200, 1024);
        assertEquals(CheckResult.failure("HTTP connection closed without a response"), reader.judge(STATUS_200));
    }

    @Test
    void digestIsTheMd5OfTheWholeBodyAsKeepalivedsGenhashComputesIt() {
        // md5sum of "hello\n" (as `echo hello | md5sum` prints it).
        HttpUrl url = new HttpUrl("/", Set.of(200), null, null, "b1946ac92492d2347c6235b4d2611184");
        HttpResponseReader reader = HttpResponseReader.forUrl(url, 1024);
        feed(reader, "HTTP/1.0 200 OK\r\nContent-Length: 6\r\n\r\nhel");
        assertFalse(reader.complete());
        feed(reader, "lo\n");
        assertTrue(reader.complete());
        assertEquals(CheckResult.success("HTTP 200"), reader.judge(url));
    }

    @Test
    void digestStopsAtContentLengthAsKeepalivedDoes() {
        HttpUrl url = new HttpUrl("/", Set.of(200), null, null, "b1946ac92492d2347c6235b4d2611184");
        HttpResponseReader reader = HttpResponseReader.forUrl(url, 1024);
        feed(reader, "HTTP/1.0 200 OK\r\nContent-Length: 6\r\n\r\nhello\ntrailing junk");
        assertTrue(reader.complete());
        assertEquals(CheckResult.success("HTTP 200"), reader.judge(url));
    }

    @Test
    void digestCoversBytesPastTheSizeLimitAndNamesTheDigestSeen() {
        HttpUrl url = new HttpUrl("/", Set.of(200), null, null, "30a83621ce5422fbdfdd539777458c78");
        HttpResponseReader reader = HttpResponseReader.forUrl(url, 64);
        feed(reader, "HTTP/1.0 200 OK\r\n\r\n" + "x".repeat(200));
        assertFalse(reader.complete(), "without Content-Length the body ends with the stream");
        assertEquals(CheckResult.success("HTTP 200"), reader.judge(url));
        HttpUrl other = new HttpUrl("/", Set.of(200), null, null, "00000000000000000000000000000000");
        HttpResponseReader again = HttpResponseReader.forUrl(other, 64);
        feed(again, "HTTP/1.0 200 OK\r\n\r\n" + "x".repeat(200));
        assertEquals(CheckResult.failure("HTTP 200 but body MD5 is 30a83621ce5422fbdfdd539777458c78"), again.judge(other));
    }

    private static void feed(HttpResponseReader reader, String text) {
        reader.append(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
