package io.ipvsd.daemon.health;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The client side of keepalived's SMTP_CHECK exchange (check_smtp.c, smtp_engine_thread): greeting 220,
 * {@code HELO name} answered by 250, then {@code QUIT}, whose answer ends the check. Pure: no I/O; the
 * probe feeds it what arrives and sends what it returns.
 *
 * <p>Unlike keepalived, which looks only at the first line of whatever one read returned (so a
 * multi-line greeting "220-..." fails there), a reply here is read up to its last line ("220 ..."),
 * as RFC 5321 section 4.2.1 defines it.
 */
final class SmtpDialogue {
    /** keepalived's SMTP_BUFF_MAX: a reply longer than this is no SMTP reply a check needs to read. */
    static final int MAX_REPLY_BYTES = 512;

    /** What to do after some input. */
    sealed interface Step {
    }

    /** Read more. */
    record NeedMore() implements Step {
    }

    /** Send these bytes, then read. */
    record Send(byte[] line) implements Step {
    }

    /** The check is decided. */
    record Done(CheckResult result) implements Step {
    }

    private enum State { GREETING, HELO, QUIT }

    private final String heloName;
    private final StringBuilder reply = new StringBuilder();
    private State state = State.GREETING;

    SmtpDialogue(String heloName) {
        this.heloName = heloName;
    }

    /** What the probe waits for now, for timeout messages. */
    String phase() {
        return switch (state) {
            case GREETING -> "SMTP greeting";
            case HELO -> "SMTP HELO reply";
            case QUIT -> "SMTP QUIT reply";
        };
    }

    /** Takes bytes from the server. */
    Step received(byte[] bytes, int length) {
        reply.append(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
        Optional<String> last = lastLine();
        if (last.isEmpty()) {
            return reply.length() > MAX_REPLY_BYTES
                    ? new Done(CheckResult.failure(phase() + " longer than " + MAX_REPLY_BYTES + " bytes"))
                    : new NeedMore();
        }
        int code = code(last.get());
        reply.setLength(0);
        return switch (state) {
            case GREETING -> {
                if (code != 220) {
                    yield new Done(CheckResult.failure("SMTP greeting " + describe(code, last.get())));
                }
                state = State.HELO;
                yield new Send(("HELO " + heloName + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            case HELO -> {
                if (code != 250) {
                    yield new Done(CheckResult.failure("SMTP HELO answered " + describe(code, last.get())));
                }
                state = State.QUIT;
                yield new Send("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            case QUIT -> new Done(CheckResult.success("SMTP 250"));
        };
    }

    /** The server closed the connection. */
    CheckResult closed() {
        // keepalived's last step succeeds on whatever the read after QUIT returns, end of stream included.
        return state == State.QUIT ? CheckResult.success("SMTP 250")
                : CheckResult.failure("connection closed before the " + phase());
    }

    /** The last line of a complete reply: "NNN text" after any "NNN-text" lines. */
    private Optional<String> lastLine() {
        int start = 0;
        while (true) {
            int end = reply.indexOf("\n", start);
            if (end < 0) {
                return Optional.empty();
            }
            String line = reply.substring(start, end).stripTrailing();
            if (line.length() < 4 || line.charAt(3) != '-') {
                return Optional.of(line);
            }
            start = end + 1;
        }
    }

    /** The reply code, as keepalived's smtp_get_status reads it: three digits then a space or the end; else -1. */
    private static int code(String line) {
        boolean digits = line.length() >= 3 && line.chars().limit(3).allMatch(Character::isDigit);
        if (!digits || line.length() > 3 && line.charAt(3) != ' ') {
            return -1;
        }
        return Integer.parseInt(line.substring(0, 3));
    }

    private static String describe(int code, String line) {
        String text = line.length() <= 60 ? line : line.substring(0, 57) + "...";
        return code < 0 ? "unreadable: \"" + text + "\"" : String.valueOf(code);
    }
}
