package io.ipvsd.daemon.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IcmpEchoTest {
    @Test
    void checksumOfTheRfc1071Example() {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2, whose complement is 220d.
        assertEquals(0x220d, IcmpEcho.checksum(HexFormat.of().parseHex("0001f203f4f5f6f7")));
    }

    @Test
    void ipv4RequestCarriesIdSequenceAndAValidChecksum() {
        byte[] request = IcmpEcho.request(false, 0xabcd, 7);
        assertEquals(8, request[0]);
        assertEquals(0, IcmpEcho.checksum(request), "a message with its checksum sums to zero");
        assertEquals("abcd0007", HexFormat.of().formatHex(request, 4, 8));
    }

    @Test
    void replyIsTheRequestWithTypeZeroAndItsChecksumAdjusted() {
        byte[] reply = IcmpEcho.request(false, 0xabcd, 7);
        reply[0] = 0;
        reply[2] = 0;
        reply[3] = 0;
        int sum = IcmpEcho.checksum(reply);
        reply[2] = (byte) (sum >>> 8);
        reply[3] = (byte) sum;
        assertEquals(new IcmpEcho.Reply(0xabcd, 7), IcmpEcho.reply(false, reply));
        reply[10] ^= 1;
        assertNull(IcmpEcho.reply(false, reply), "a damaged reply is no reply");
    }

    @Test
    void requestsAndOtherFamiliesAreNoReplies() {
        assertNull(IcmpEcho.reply(false, IcmpEcho.request(false, 1, 1)));
        byte[] v6 = IcmpEcho.request(true, 1, 2);
        assertEquals((byte) 128, v6[0]);
        v6[0] = (byte) 129;
        assertEquals(new IcmpEcho.Reply(1, 2), IcmpEcho.reply(true, v6), "the kernel checks ICMPv6 checksums");
        assertNull(IcmpEcho.reply(false, v6));
    }
}
