package io.ipvsd.kerneltest.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.packet.IpPacketSocket;
import io.ipvsd.packet.IpSocketOptions;
import io.ipvsd.packet.PacketSockets;
import io.ipvsd.packet.Received;
import io.ipvsd.packet.ReceivedPacket;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Adverts go out on time whatever else the daemon does: seen from the peer's side of the link,
 * while the master reloads a file of 10,000 services and creates them in IPVS, no gap between two
 * of its adverts exceeds 1.5 x the advert interval.
 */
@Tag("kernel")
class VrrpAdvertGapKernelTest {
    private static final int SERVICES = 10_000;
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private static final String INSTANCE = """
            [[vrrp_instance]]
            name = "VI_1"
            interface = "eth0"
            virtual_router_id = 78
            priority = 100
            advert_int = "1s"
            virtual_ipaddress = ["10.78.0.100/24"]

            """;

    private static String services() {
        StringBuilder b = new StringBuilder(SERVICES * 120);
        for (int i = 0; i < SERVICES; i++) {
            b.append("[[service]]\nprotocol = \"tcp\"\naddress = \"10.100.").append(i / 250).append('.')
                    .append(i % 250 + 1).append("\"\nport = 80\nscheduler = \"wlc\"\n  [[service.real]]\n  address = \"10.201.")
                    .append(i / 250).append('.').append(i % 250 + 1).append("\"\n  method = \"dr\"\n");
        }
        return b.toString();
    }

    @Test
    void noAdvertGapAboveOneAndAHalfIntervalsDuringALargeReconcile() throws Exception {
        try (TwoDirectorsLab lab = new TwoDirectorsLab()) {
            // GC pauses stop every thread: logged, so a long gap can be explained.
            IpvsdProcess a = lab.start(lab.dirA, INSTANCE, List.of("-Xlog:gc:stdout:time"));
            Await.until(Duration.ofSeconds(60), "dirA is master", () -> lab.holdsVip(lab.dirA), ok -> ok, lab::context);
            List<Long> adverts = new CopyOnWriteArrayList<>();
            IpSocketOptions options = new IpSocketOptions(false, 112, "eth0", null,
                    List.of(Endpoints.parseAddress("224.0.0.18")), 255, 0, -1);
            try (IpPacketSocket peer = PacketSockets.openIpIn(lab.dirB.path(), options)) {
                Thread listener = new Thread(() -> listen(peer, adverts), "advert-listener");
                listener.setDaemon(true);
                listener.start();
                Await.until(Duration.ofSeconds(10), "the peer hears adverts", adverts::size, n -> n >= 2, lab::context);

                long reloadAt = System.nanoTime();
                lab.rewrite(lab.dirA, INSTANCE + services());
                Await.until(Duration.ofSeconds(600), "dirA applied the 10,000 services", a::log,
                        log -> log.contains("applied " + 2 * SERVICES + " of " + 2 * SERVICES + " changes"), lab::context);
                long doneAt = System.nanoTime();
                Thread.sleep(2 * INTERVAL_NANOS / 1_000_000);

                List<Long> window = new ArrayList<>();
                for (long t : adverts) {
                    if (t >= reloadAt - INTERVAL_NANOS && t <= doneAt + INTERVAL_NANOS) {
                        window.add(t);
                    }
                }
                long maxGap = 0;
                for (int i = 1; i < window.size(); i++) {
                    maxGap = Math.max(maxGap, window.get(i) - window.get(i - 1));
                }
                String figure = "advert gap: max " + maxGap / 1_000_000 + " ms over " + window.size()
                        + " adverts while the master loaded and applied " + SERVICES + " services in "
                        + (doneAt - reloadAt) / 1_000_000 + " ms";
                System.out.println(figure);
                System.out.println(gcPauses(a.log()));
                assertTrue(window.size() >= 2, figure);
                assertTrue(maxGap <= INTERVAL_NANOS * 3 / 2, figure + "\n" + gcPauses(a.log()));
            }
        }
    }

    /** The GC lines of the daemon's log, with the longest pause. */
    private static String gcPauses(String log) {
        double longest = 0;
        StringBuilder lines = new StringBuilder();
        for (String line : log.split("\n")) {
            if (line.contains("Pause") || line.contains("Stall")) {
                lines.append(line).append('\n');
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(" (\\d+\\.\\d+)ms").matcher(line);
                if (m.find()) {
                    longest = Math.max(longest, Double.parseDouble(m.group(1)));
                }
            }
        }
        return "longest GC pause: " + longest + " ms\n" + lines;
    }

    private static void listen(IpPacketSocket socket, List<Long> adverts) {
        while (true) {
            try {
                Received r = socket.receive(System.nanoTime() + INTERVAL_NANOS);
                if (r instanceof ReceivedPacket p && p.payload().length > 1 && (p.payload()[1] & 0xff) == 78) {
                    adverts.add(System.nanoTime());
                }
            } catch (IOException e) {
                return; // closed at the end of the test
            }
        }
    }
}
