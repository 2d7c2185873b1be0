package io.ipvsd.ipvs;

import static io.ipvsd.ipvs.Fixtures.dest;
import static io.ipvsd.ipvs.Fixtures.sched;
import static io.ipvsd.ipvs.Fixtures.tcp;
import static io.ipvsd.ipvs.Fixtures.weight;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ipvsd.ipvs.testkit.FakeIpvsKernel;
import io.ipvsd.ipvs.wire.IpvsReplies;
import io.ipvsd.netlink.Connection;
import io.ipvsd.netlink.NetlinkException;
import io.ipvsd.netlink.NetlinkMessage;
import io.ipvsd.netlink.NetlinkProtocolException;
import io.ipvsd.netlink.NetlinkSocket;
import io.ipvsd.netlink.NetlinkTimeoutException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random, truncated and bit-flipped replies must end in a typed netlink error (or a value), never
 * in another exception or a hang. Seeded, so a failure replays; the seed is in the message.
 */
class MalformedReplyFuzzTest {
    private static final long SEED = 20261124L;
    private static final List<byte[]> REAL_REPLIES = List.of(CapturedReplies.SERVICE_DUMP,
            CapturedReplies.DESTINATIONS_OF_TCP_80, CapturedReplies.DESTINATIONS_OF_FWM_1,
            CapturedReplies.DESTINATIONS_OF_FWM6_2, CapturedReplies.DAEMONS, CapturedReplies.DAEMON_IPV6_GROUP,
            CapturedReplies.TIMEOUTS, CapturedReplies.INFO, CapturedReplies.DUMP_DONE);

    private interface Decoding {
        void run() throws IOException;
    }

    @Test
    void randomPayloadsGiveProtocolErrors() {
        Random random = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            byte[] payload = new byte[random.nextInt(200)];
            random.nextBytes(payload);
            if (payload.length > 0 && random.nextBoolean()) {
                payload[0] = (byte) (1 + random.nextInt(15)); // a plausible command gets further
            }
            decodeAllWays(new NetlinkMessage(FakeIpvsKernel.FAMILY_ID, 0, 0, 0, payload), "payload #" + i);
        }
    }

    @Test
    void truncatedRealRepliesGiveProtocolErrors() {
        for (byte[] reply : REAL_REPLIES) {
            for (int length = 0; length < reply.length; length++) {
                decodeDatagram(Arrays.copyOf(reply, length), "truncated to " + length);
            }
        }
    }

    @Test
    void bitFlippedRealRepliesGiveProtocolErrors() {
        Random random = new Random(SEED);
        for (int i = 0; i < 5_000; i++) {
            byte[] reply = REAL_REPLIES.get(random.nextInt(REAL_REPLIES.size())).clone();
            for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                int bit = random.nextInt(reply.length * 8);
                reply[bit / 8] ^= (byte) (1 << (bit % 8));
            }
            decodeDatagram(reply, "flip #" + i);
        }
    }

    /** The client end to end: the fake kernel's true answers, damaged on their way back. */
    @Test
    void theClientSurvivesDamagedAnswers() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(SEED);
            FakeIpvsKernel kernel = new FakeIpvsKernel();
            AddressServiceKey web = tcp("192.0.2.1", 80);
            DamagingSocket socket = new DamagingSocket(kernel, random);
            IpvsClient client = IpvsClient.over(new Connection(socket, Duration.ofMillis(50)));
            client.addService(web, sched("wlc", web));
            client.addDestination(web, dest("198.51.100.1", 80), weight(ForwardingMethod.ROUTE, 1));
            client.startSyncDaemon(SyncDaemon.of(SyncState.BACKUP, "lo", 3));
            socket.damaging = true;
            List<Decoding> calls = List.of(client::services, () -> client.destinations(web), () -> client.service(web),
                    client::info, client::timeouts, client::syncDaemons,
                    () -> client.apply(List.of(new IpvsOp.EditService(web, sched("rr", web)),
                            new IpvsOp.DeleteDestination(web, dest("198.51.100.9", 80)))),
                    () -> client.editService(web, sched("wlc", web)));
            for (int i = 0; i < 3_000; i++) {
                expectTypedError(calls.get(i % calls.size()), "call #" + i);
            }
            client.close();
        });
    }

    private static void decodeDatagram(byte[] datagram, String what) {
        List<NetlinkMessage> messages;
        try {
            messages = NetlinkMessage.decodeAll(ByteBuffer.wrap(datagram));
        } catch (NetlinkProtocolException e) {
            return;
        }
        for (NetlinkMessage m : messages) {
            decodeAllWays(m, what);
        }
    }

    private static void decodeAllWays(NetlinkMessage m, String what) {
        expectTypedError(() -> IpvsReplies.service(m), what);
        expectTypedError(() -> IpvsReplies.destination(m, AddressFamily.INET), what);
        expectTypedError(() -> IpvsReplies.destination(m, AddressFamily.INET6), what);
        expectTypedError(() -> IpvsReplies.syncDaemon(m), what);
        expectTypedError(() -> IpvsReplies.timeouts(m), what);
        expectTypedError(() -> IpvsReplies.info(m), what);
    }

    private static void expectTypedError(Decoding decoding, String what) {
        try {
            decoding.run();
        } catch (NetlinkProtocolException | NetlinkException | NetlinkTimeoutException expected) {
            // a typed refusal of a bad reply
        } catch (Throwable t) {
            throw new AssertionError("seed " + SEED + ", " + what + ": " + t, t);
        }
    }

    /** Passes requests to the fake kernel and damages one reply datagram in two on the way back. */
    private static final class DamagingSocket implements NetlinkSocket {
        private final NetlinkSocket kernel;
        private final Random random;
        boolean damaging;

        DamagingSocket(NetlinkSocket kernel, Random random) {
            this.kernel = kernel;
            this.random = random;
        }

        @Override
        public int portId() {
            return kernel.portId();
        }

        @Override
        public void send(byte[] datagram) throws IOException {
            kernel.send(datagram);
        }

        @Override
        public byte[] receive(long deadlineNanos) throws IOException {
            byte[] d = kernel.receive(deadlineNanos);
            if (!damaging || d == null || random.nextBoolean()) {
                return d;
            }
            switch (random.nextInt(3)) {
                case 0 -> d = Arrays.copyOf(d, random.nextInt(d.length + 1));
                case 1 -> {
                    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                        // Past the seq field now and then, so the damage reaches the decoders.
                        int from = random.nextBoolean() ? 16 * 8 : 0;
                        if (d.length * 8 > from) {
                            int bit = from + random.nextInt(d.length * 8 - from);
                            d[bit / 8] ^= (byte) (1 << (bit % 8));
                        }
                    }
                }
                default -> {
                    byte[] junk = new byte[random.nextInt(64)];
                    random.nextBytes(junk);
                    d = junk;
                }
            }
            return d;
        }

        @Override
        public void close() {
            kernel.close();
        }
    }
}
