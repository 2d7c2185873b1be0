package io.ipvsd.daemon.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** keepalived's SMTP_CHECK exchange (check_smtp.c): 220 greeting, HELO answered by 250, QUIT. */
class SmtpDialogueTest {
    private final SmtpDialogue dialogue = new SmtpDialogue("checker.example");

    private SmtpDialogue.Step receive(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return dialogue.received(bytes, bytes.length);
    }

    private static String sent(SmtpDialogue.Step step) {
        return new String(assertInstanceOf(SmtpDialogue.Send.class, step).line(), StandardCharsets.US_ASCII);
    }

    private static CheckResult done(SmtpDialogue.Step step) {
        return assertInstanceOf(SmtpDialogue.Done.class, step).result();
    }

    @Test
    void greetingHeloQuit() {
        assertEquals("HELO checker.example\r\n", sent(receive("220 mx.example ESMTP\r\n")));
        assertEquals("QUIT\r\n", sent(receive("250 mx.example\r\n")));
        assertEquals(CheckResult.success("SMTP 250"), done(receive("221 bye\r\n")));
    }

    @Test
    void repliesMayArriveInPiecesAndSpanSeveralLines() {
        assertInstanceOf(SmtpDialogue.NeedMore.class, receive("220-mx.example "));
        assertInstanceOf(SmtpDialogue.NeedMore.class, receive("ESMTP\r\n220-more text\r\n"));
        assertEquals("HELO checker.example\r\n", sent(receive("220 ready\r\n")));
    }

    @Test
    void aGreetingOtherThan220Fails() {
        assertEquals(CheckResult.failure("SMTP greeting 554"), done(receive("554 no service\r\n")));
    }

    @Test
    void anUnreadableGreetingFails() {
        assertEquals(CheckResult.failure("SMTP greeting unreadable: \"HTTP/1.0 400 Bad Request\""),
                done(receive("HTTP/1.0 400 Bad Request\r\n")));
    }

    @Test
    void aHeloAnswerOtherThan250Fails() {
        sent(receive("220 ok\r\n"));
        assertEquals(CheckResult.failure("SMTP HELO answered 501"), done(receive("501 bad name\r\n")));
    }

    @Test
    void closingBeforeHeloIsAnsweredFailsButAfterQuitPasses() {
        assertEquals(CheckResult.failure("connection closed before the SMTP greeting"), dialogue.closed());
        sent(receive("220 ok\r\n"));
        sent(receive("250 ok\r\n"));
        assertEquals(CheckResult.success("SMTP 250"), dialogue.closed());
    }

    @Test
    void anEndlessReplyFails() {
        assertEquals(CheckResult.failure("SMTP greeting longer than 512 bytes"), done(receive("2".repeat(513))));
    }
}
