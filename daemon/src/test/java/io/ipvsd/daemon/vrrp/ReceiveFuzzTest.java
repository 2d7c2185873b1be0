package io.ipvsd.daemon.vrrp;

import static io.ipvsd.daemon.vrrp.Fixtures.A;
import static io.ipvsd.daemon.vrrp.Fixtures.B;
import static io.ipvsd.daemon.vrrp.Fixtures.GROUP;
import static io.ipvsd.daemon.vrrp.Fixtures.SECOND;
import static io.ipvsd.daemon.vrrp.Fixtures.spec;
import static io.ipvsd.daemon.vrrp.MachineState.NONE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Random, truncated and bit-flipped payloads through decode, check and step (seeded: reproducible). */
class ReceiveFuzzTest {
    static final long SEED = 0x5EEDL;
    static final int RUNS = 20_000;

    record Case(InstanceSpec spec, byte[] valid, InetAddress source, InetAddress destination) {}

    static final InstanceSpec V2 = spec().primary(B).priority(95).build();
    static final InstanceSpec V3 = spec().primary(B).priority(95).v3(100).build();
    static final InstanceSpec V3_IPV6 = spec().primary(Fixtures.ip("fe80::2")).priority(95).v3(100)
            .vips(AdvertCodecTest.VIP6).build();
    static final Case[] CASES = {
        new Case(V2, AdvertCodecTest.KEEPALIVED_V2, A, GROUP),
        new Case(V3, AdvertCodecTest.KEEPALIVED_V3_MULTICAST, A, GROUP),
        new Case(V3_IPV6, AdvertCodecTest.KEEPALIVED_V3_IPV6, AdvertCodecTest.LINK_LOCAL, AdvertCodecTest.GROUP6),
    };

    @Test
    void randomTruncatedAndBitFlippedPayloadsNeverThrowAndDropsNeverReachTheMachine() {
        Random random = new Random(SEED);
        int accepted = 0, dropped = 0;
        for (int run = 0; run < RUNS; run++) {
            Case c = CASES[random.nextInt(CASES.length)];
            int kind = random.nextInt(3);
            byte[] payload = switch (kind) {
                case 0 -> randomBytes(random, random.nextInt(48));
                case 1 -> Arrays.copyOf(c.valid(), random.nextInt(c.valid().length));
                default -> flipBits(random, c.valid(), 1 + random.nextInt(3));
            };
            boolean singleBitFlipOverIpv4 = kind == 2 && differingBits(payload, c.valid()) == 1
                    && c.source().getAddress().length == 4;
            Decoded decoded = AdvertCodec.decode(payload, c.source(), c.destination(), false);
            Optional<Drop> drop = decoded instanceof Decoded.Ok ok
                    ? AdvertCheck.check(c.spec(), c.source(), c.destination(), 255, ok.advert())
                    : Optional.empty();
            if (decoded instanceof Decoded.Dropped || drop.isPresent()) {
                dropped++;
                continue;
            }
            // The Internet checksum catches every single-bit error, so none may get this far.
            assertTrue(!singleBitFlipOverIpv4, () -> "single bit flip accepted: " + Arrays.toString(payload));
            Advert advert = ((Decoded.Ok) decoded).advert();
            if (c.source().getAddress().length == 4) {
                assertArrayEquals(payload, AdvertCodec.encode(advert, c.source(), c.destination(), false), "decode then encode is the identity");
            }
            accepted++;
            for (MachineState before : states(c.spec())) {
                Step step = VrrpMachine.step(c.spec(), before, new Event.AdvertReceived(c.source(), advert), 100 * SECOND);
                assertConsistent(step.state());
            }
        }
        assertEquals(RUNS, accepted + dropped);
        assertNotEquals(0, accepted, "the fuzzer reached the machine");
        assertNotEquals(0, dropped);
    }

    /** A BACKUP and a MASTER state to feed accepted adverts to. */
    static MachineState[] states(InstanceSpec spec) {
        MachineState backup = VrrpMachine.step(spec, VrrpMachine.initial(spec), new Event.Start(Set.of()), 90 * SECOND).state();
        MachineState master = VrrpMachine.step(spec, backup, new Event.TimerFired(), backup.masterDownAt()).state();
        return new MachineState[] {backup, master};
    }

    static void assertConsistent(MachineState s) {
        switch (s.state()) {
            case BACKUP -> assertTrue(s.masterDownAt() != NONE && s.nextAdvertAt() == NONE, s::toString);
            case MASTER -> assertTrue(s.masterDownAt() == NONE && s.nextAdvertAt() != NONE, s::toString);
            default -> throw new AssertionError("an advert moved the machine to " + s.state());
        }
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    static byte[] flipBits(Random random, byte[] valid, int flips) {
        byte[] b = valid.clone();
        for (int i = 0; i < flips; i++) {
            int bit = random.nextInt(b.length * 8);
            b[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return b;
    }

    static int differingBits(byte[] a, byte[] b) {
        int count = 0;
        for (int i = 0; i < a.length; i++) count += Integer.bitCount((a[i] ^ b[i]) & 0xff);
        return count;
    }
}
