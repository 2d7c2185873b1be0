package io.ipvsd.daemon.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {
    private static final HttpCheck STATUS_200 = new HttpCheck(false, false, "/", null, Set.of(200), null, null, 0);
    private static final HttpCheck BODY_OK = new HttpCheck(false, false, "/", null, Set.of(200), "ok", null, 0);

    @Test
    void statusOnlyChecksNeedNoMoreThanTheStatusLine() {
        HttpResponseReader reader = HttpResponseReader.forCheck(STATUS_200, 1024);
        feed(reader, "HTTP/1.1 20");
        assertFalse(reader.complete());
        feed(reader, "0 OK\r\n");
        assertTrue(reader.complete());
        assertEquals(CheckResult.success("HTTP 200"), reader.judge(STATUS_200));
    }

    @Test
    void bodyChecksWaitForContentLengthBytes() {
        HttpResponseReader reader = HttpResponseReader.forCheck(BODY_OK, 1024);
        feed(reader, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\ncontent-length: 6\r\n\r\nis o");
        assertFalse(reader.complete());
        feed(reader, "k\n");
        assertTrue(reader.complete());
        assertEquals(CheckResult.success("HTTP 200"), reader.judge(BODY_OK));
    }

    @Test
    void headersSplitAcrossReadsAndBareNewlines() {
        HttpResponseReader reader = HttpResponseReader.forCheck(BODY_OK, 1024);
        feed(reader, "HTTP/1.0 200 OK\nContent-Length: 2\n");
        feed(reader, "\nok");
        assertTrue(reader.complete());
        assertTrue(reader.judge(BODY_OK).ok());
    }

    @Test
    void bodyIsCutAtTheLimit() {
        HttpResponseReader reader = HttpResponseReader.forCheck(BODY_OK, 40);
        feed(reader, "HTTP/1.0 200 OK\r\n\r\n" + "x".repeat(100) + "ok");
        assertTrue(reader.complete());
        assertEquals(CheckResult.failure("HTTP 200 but body lacks \"ok\""), reader.judge(BODY_OK));
    }

    @Test
    void garbageIsAMalformedStatusLine() {
        HttpResponseReader reader = HttpResponseReader.forCheck(STATUS_200, 1024);
        feed(reader, "SSH-2.0-OpenSSH_9.2\r\n");
        assertEquals(CheckResult.failure("HTTP malformed status line: SSH-2.0-OpenSSH_9.2"), reader.judge(STATUS_200));
    }

    @Test
    void nothingAtAll() {
        HttpResponseReader reader = HttpResponseReader.forCheck(STATUS_200, 1024);
        assertEquals(CheckResult.failure("HTTP connection closed without a response"), reader.judge(STATUS_200));
    }

    private static void feed(HttpResponseReader reader, String text) {
        reader.append(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
