package io.ipvsd.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipvsd.nft.expr.Bytes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserDataTest {
    @Test
    void aCommentIsNftsTlv() {
        // nft 1.0.6, comment "x": type 0, length 2, "x\0".
        assertEquals(Bytes.fromHex("00027800"), UserData.comment("x"));
        assertEquals(Optional.of("x"), UserData.comment(Bytes.fromHex("00027800")));
    }

    @Test
    void findsTheCommentAmongOtherTlvsAndToleratesGarbage() {
        assertEquals(Optional.of("hi"), UserData.comment(Bytes.fromHex("0101ff" + "0003686900")));
        assertEquals(Optional.empty(), UserData.comment(Bytes.fromHex("0009")));
        assertEquals(Optional.empty(), UserData.comment(Bytes.EMPTY));
    }

    @Test
    void refusesWhatNftWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> UserData.comment("x".repeat(128)));
    }

    @Test
    void aTagRoundTripsAndForeignCommentsAreNotTags() {
        RuleTag tag = new RuleTag("web/ip", "0123456789ab");
        assertEquals(Optional.of(tag), RuleTag.parse(tag.comment()));
        assertEquals("web", tag.ruleName());
        assertEquals(Optional.empty(), RuleTag.parse("allow ssh"));
        assertEquals(Optional.empty(), RuleTag.parse("ipvsd web/ip"));
    }
}
