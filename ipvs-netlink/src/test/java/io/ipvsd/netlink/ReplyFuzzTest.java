package io.ipvsd.netlink;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random, truncated and bit-flipped replies must end every call with a typed IOException (or a
 * success when the damage happens to be harmless), never another exception or a hang.
 */
class ReplyFuzzTest {
    private static final NetlinkMessage REQUEST = NetlinkMessage.request(32, 0, new byte[] {1, 1, 0, 0});

    @Test
    void damagedRepliesGiveTypedErrors() {
        Random random = new Random(20261124);
        int typed = 0;
        for (int i = 0; i < 5_000; i++) {
            int mode = i % 3;
            ScriptedSocket s = new ScriptedSocket(sent -> List.of(damage(valid(sent.get(0)), mode, random)));
            try (Connection c = new Connection(s, Duration.ofMillis(1))) {
                if (i % 2 == 0) {
                    c.execute("fuzz", REQUEST);
                } else {
                    c.dump("fuzz", REQUEST);
                }
            } catch (IOException expected) {
                typed++;
            } catch (RuntimeException e) {
                fail("case " + i + " (mode " + mode + ") threw " + e, e);
            }
        }
        assertTrue(typed > 1_000, "most damaged replies must be refused, got " + typed);
    }

    private static byte[] valid(NetlinkMessage request) {
        NetlinkMessage data = ScriptedSocket.reply(request, 32, Netlink.NLM_F_MULTI,
                new AttrWriter().header(new byte[] {1, 1, 0, 0}).u32(1, 7).string(2, "rr").toBytes());
        return ScriptedSocket.datagram(data, ScriptedSocket.ack(request, Errno.EEXIST, "exists"),
                ScriptedSocket.done(request, 0));
    }

    private static byte[] damage(byte[] d, int mode, Random random) {
        switch (mode) {
            case 0 -> {
                byte[] r = new byte[random.nextInt(64)];
                random.nextBytes(r);
                return r;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(d, random.nextInt(d.length));
            }
            default -> {
                byte[] c = d.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    c[random.nextInt(c.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return c;
            }
        }
    }
}
