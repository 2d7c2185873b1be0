package io.ipvsd.kerneltest.ipvs;

import static io.ipvsd.ipvs.Fixtures.dest;
import static io.ipvsd.ipvs.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.Stats;
import io.ipvsd.kerneltest.FreshNetns;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Counters after real traffic: connections to a virtual address on lo, balanced to a closed local
 * port (refused at once), read by our client next to ipvsadm --stats, then zeroed.
 */
@Tag("kernel")
class IpvsCountersKernelTest {
    /** The kernel folds its per-CPU counters into the reported ones every 2 s. */
    private static final Duration STATS_DELAY = Duration.ofSeconds(10);

    @RegisterExtension
    final FreshNetns netns = new FreshNetns();

    @Test
    void statsAndConnectionCountsMatchIpvsadmAndZeroClearsThem() throws Exception {
        AddressServiceKey vip = tcp("10.9.9.9", 80);
        netns.exec("ip", "addr", "add", "10.9.9.9/32", "dev", "lo").assertSuccess();
        try (IpvsClient client = IpvsClient.open(netns.path())) {
            client.addService(vip, new ServiceSettings("rr", 0, 0, 0xffffffffL, null));
            client.addDestination(vip, dest("127.0.0.1", 9), new DestinationSettings(ForwardingMethod.MASQ, 1, 0, 0, null));
            for (int i = 0; i < 2; i++) {
                netns.exec("timeout", "5", "bash", "-c", "exec 3<>/dev/tcp/10.9.9.9/80"); // refused: that is enough
            }

            Destination real = client.destinations(vip).get(0);
            assertEquals(0, real.activeConnections());
            assertEquals(2, real.inactiveConnections(), "two connections, closed at once");
            Stats stats = await(client, vip, s -> s.connections() == 2);
            // ipvsadm -Ln --stats --exact: "TCP  10.9.9.9:80   2   InPkts   OutPkts   InBytes   OutBytes"
            String line = Ipvsadm.run(netns, "-Ln", "--stats", "--exact", "-t", "10.9.9.9:80").lines()
                    .filter(l -> l.startsWith("TCP")).findFirst().orElseThrow();
            assertEquals(List.of("TCP", "10.9.9.9:80", "2", Long.toString(stats.inPackets()), Long.toString(stats.outPackets()),
                    Long.toString(stats.inBytes()), Long.toString(stats.outBytes())), List.of(line.trim().split("\\s+")));

            client.zero(vip);
            assertEquals(0, await(client, vip, s -> s.connections() == 0).inPackets());
            assertEquals(Stats.ZERO.connections(), client.destinations(vip).get(0).stats().connections());
        }
    }

    private interface Condition {
        boolean test(Stats s);
    }

    private static Stats await(IpvsClient client, AddressServiceKey key, Condition condition) throws Exception {
        long deadline = System.nanoTime() + STATS_DELAY.toNanos();
        while (true) {
            Stats s = client.service(key).orElseThrow().stats();
            if (condition.test(s) || System.nanoTime() > deadline) {
                return s;
            }
            Thread.sleep(200);
        }
    }
}
