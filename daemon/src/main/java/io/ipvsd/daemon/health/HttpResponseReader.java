package io.ipvsd.daemon.health;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects an HTTP/1.0 response up to a size limit, says when enough has arrived to judge it, and
 * judges it against an {@link HttpUrl}. Pure: no I/O.
 *
 * <p>With a {@code digest}, every body byte goes through MD5, also those past the size limit, and the
 * response is complete only at its end (Content-Length or end of stream): keepalived's HTTP_GET hashes
 * the whole body after the header, up to Content-Length (check_http.c, http_process_response), and so
 * does its genhash tool, which shares that code.
 */
final class HttpResponseReader {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d(?:\\.\\d)? (\\d{3})(?: .*)?");
    private static final Pattern CONTENT_LENGTH =
            Pattern.compile("(?im)^content-length:[ \\t]*(\\d{1,10})[ \\t]*\\r?$");
    private static final int INITIAL_BYTES = 1024;

    private final int maxBytes;
    /** Without body expectations the status line is all that matters: stop reading there. */
    private final boolean statusOnly;
    private byte[] data = new byte[INITIAL_BYTES];
    private int length;
    private int headerEnd = -1;
    private long contentLength = -1;
    /** MD5 of the body so far, or null when the URL has no digest. */
    private final MessageDigest md5;
    /** Body bytes counted into the digest (and towards Content-Length), also those past the limit. */
    private long bodyBytes;

    HttpResponseReader(int maxBytes, boolean statusOnly, boolean digest) {
        this.maxBytes = maxBytes;
        this.statusOnly = statusOnly;
        this.md5 = digest ? newMd5() : null;
    }

    static HttpResponseReader forUrl(HttpUrl url, int maxBytes) {
        return new HttpResponseReader(maxBytes, !url.judgesBody(), url.digest() != null);
    }

    /** Keeps what fits under the limit and drops the rest (after hashing it, with a digest). */
    void append(ByteBuffer src) {
        int count = Math.min(src.remaining(), maxBytes - length);
        if (length + count > data.length) {
            data = Arrays.copyOf(data, Math.min(maxBytes, Math.max(length + count, data.length * 2)));
        }
        src.get(data, length, count);
        int scanFrom = Math.max(0, length - 3);
        int before = length;
        length += count;
        if (headerEnd < 0) {
            findHeaderEnd(scanFrom);
            if (headerEnd >= 0) {
                before = headerEnd;
            }
        }
        if (headerEnd >= 0) {
            countBody(data, before, length - before);
            if (md5 != null && src.hasRemaining()) {
                byte[] rest = new byte[src.remaining()];
                src.get(rest);
                countBody(rest, 0, rest.length);
            }
        }
    }

    /** Hashes body bytes up to Content-Length when there is one, as keepalived's http_process_response. */
    private void countBody(byte[] bytes, int from, int count) {
        if (md5 != null) {
            long wanted = contentLength < 0 ? count : Math.max(0, Math.min(count, contentLength - bodyBytes));
            md5.update(bytes, from, (int) wanted);
        }
        bodyBytes += count;
    }

    /** True once more bytes could not change the verdict. */
    boolean complete() {
        if (md5 != null) {
            return headerEnd >= 0 && contentLength >= 0 && bodyBytes >= contentLength;
        }
        if (length >= maxBytes) {
            return true;
        }
        if (statusOnly) {
            return indexOf((byte) '\n', 0) >= 0;
        }
        return headerEnd >= 0 && contentLength >= 0 && length - headerEnd >= contentLength;
    }

    /** The verdict on what arrived, with the body cut at the size limit. */
    CheckResult judge(HttpUrl spec) {
        int lineEnd = indexOf((byte) '\n', 0);
        if (lineEnd < 0) {
            return CheckResult.failure(length == 0 ? "HTTP connection closed without a response"
                    : "HTTP malformed status line");
        }
        String statusLine = new String(data, 0, lineEnd, StandardCharsets.ISO_8859_1).strip();
        Matcher status = STATUS_LINE.matcher(statusLine);
        if (!status.matches()) {
            return CheckResult.failure("HTTP malformed status line: " + abbreviate(statusLine));
        }
        int code = Integer.parseInt(status.group(1));
        if (!spec.expectStatus().contains(code)) {
            return CheckResult.failure("HTTP " + code);
        }
        String body = headerEnd < 0 ? "" : new String(data, headerEnd, length - headerEnd, StandardCharsets.UTF_8);
        if (spec.bodyContains() != null && !body.contains(spec.bodyContains())) {
            return CheckResult.failure("HTTP " + code + " but body lacks \"" + abbreviate(spec.bodyContains()) + "\"");
        }
        if (spec.bodyRegex() != null && !spec.bodyRegex().matcher(body).find()) {
            return CheckResult.failure("HTTP " + code + " but body does not match /"
                    + abbreviate(spec.bodyRegex().pattern()) + "/");
        }
        if (spec.digest() != null) {
            String digest = HexFormat.of().formatHex(md5.digest());
            if (!digest.equals(spec.digest())) {
                return CheckResult.failure("HTTP " + code + " but body MD5 is " + digest);
            }
        }
        return CheckResult.success("HTTP " + code);
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has MD5", e);
        }
    }

    private void findHeaderEnd(int from) {
        for (int i = from; i < length; i++) {
            if (data[i] != '\n') {
                continue;
            }
            int end = i + 1 < length && data[i + 1] == '\n' ? i + 2
                    : i + 2 < length && data[i + 1] == '\r' && data[i + 2] == '\n' ? i + 3 : -1;
            if (end > 0) {
                headerEnd = end;
                Matcher m = CONTENT_LENGTH.matcher(new String(data, 0, end, StandardCharsets.ISO_8859_1));
                contentLength = m.find() ? Long.parseLong(m.group(1)) : -1;
                return;
            }
        }
    }

    private int indexOf(byte b, int from) {
        for (int i = from; i < length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
