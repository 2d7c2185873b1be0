package io.ipvsd.kerneltest.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.IpvsOp;
import io.ipvsd.ipvs.IpvsOpResult;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.kerneltest.FreshNetns;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Not a timed assertion: prints how long our client takes next to ipvsadm on the same VM, in the
 * same run. Writes the numbers to $IPVSD_VM_OUT/ipvs-benchmark.txt as well. ipvsadm times include
 * starting the process (through {@code ip netns exec}), as an operator or a script pays them.
 */
@Tag("kernel")
class IpvsBenchmarkKernelTest {
    private static final int SERVICES = 1000;
    private static final int RUNS = 3;

    @RegisterExtension
    final FreshNetns ours = new FreshNetns();

    @RegisterExtension
    final FreshNetns theirs = new FreshNetns();

    @Test
    void dumpAndPipelinedApplyNextToIpvsadm() throws Exception {
        List<IpvsOp> ops = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        List<IpvsOp> tenthDestinations = new ArrayList<>();
        ServiceSettings rr = new ServiceSettings("rr", 0, 0, 0xffffffffL, null);
        DestinationSettings masq = new DestinationSettings(ForwardingMethod.MASQ, 1, 0, 0, null);
        for (int s = 0; s < SERVICES; s++) {
            String vip = "10.5." + (s / 250) + "." + (s % 250 + 1);
            AddressServiceKey key = new AddressServiceKey(Protocol.TCP, InetAddress.getByName(vip), 80);
            ops.add(new IpvsOp.AddService(key, rr));
            rules.add("-A -t " + vip + ":80 -s rr");
            for (int d = 1; d <= 10; d++) {
                String real = "10.6." + (s / 250) + "." + (s % 250 + 1);
                IpvsOp add = new IpvsOp.AddDestination(key, new DestinationKey(InetAddress.getByName(real), 8000 + d), masq);
                if (d == 10) {
                    tenthDestinations.add(add);
                } else {
                    ops.add(add);
                    rules.add("-a -t " + vip + ":80 -r " + real + ":" + (8000 + d) + " -m -w 1");
                }
            }
        }
        assertEquals(10_000, ops.size());
        StringBuilder report = new StringBuilder();

        long t0 = System.nanoTime();
        Ipvsadm.restore(theirs, rules);
        report.append(line("ipvsadm-restore, 10,000 commands", System.nanoTime() - t0));

        try (IpvsClient client = IpvsClient.open(ours.path())) {
            t0 = System.nanoTime();
            List<IpvsOpResult> results = client.apply(ops);
            report.append(line("IpvsClient.apply, 10,000 ops (first run in this JVM)", System.nanoTime() - t0));
            assertTrue(results.stream().allMatch(IpvsOpResult::ok));
            assertEquals(Ipvsadm.save(theirs), Ipvsadm.save(ours));

            client.flush();
            t0 = System.nanoTime();
            client.apply(ops);
            report.append(line("IpvsClient.apply, 10,000 ops (again, after a flush)", System.nanoTime() - t0));

            assertTrue(client.apply(tenthDestinations).stream().allMatch(IpvsOpResult::ok));
            report.append("-- dumps of ").append(SERVICES).append(" services x 10 destinations, best of ")
                    .append(RUNS).append(" (first run in parentheses)\n");
            report.append(best("IpvsClient services() + destinations() of each", () -> {
                int n = 0;
                for (Service s : client.services()) {
                    n += client.destinations(s.key()).size();
                }
                assertEquals(SERVICES * 10, n);
            }));
            report.append(best("ipvsadm -Ln", () -> Ipvsadm.run(ours, "-Ln")));
            report.append(best("ipvsadm-save -n", () -> ours.exec("ipvsadm-save", "-n").assertSuccess()));
        }
        System.out.print("IPVS benchmark (Linux " + System.getProperty("os.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " vCPUs):\n" + report);
        String out = System.getenv("IPVSD_VM_OUT");
        if (out != null) {
            Files.writeString(Path.of(out, "ipvs-benchmark.txt"), report.toString());
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static String best(String what, Run run) throws Exception {
        long first = 0;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            run.run();
            long took = System.nanoTime() - t0;
            first = i == 0 ? took : first;
            best = Math.min(best, took);
        }
        return String.format(Locale.ROOT, "%-60s %8.0f ms (%.0f ms)%n", what, best / 1e6, first / 1e6);
    }

    private static String line(String what, long nanos) {
        return String.format(Locale.ROOT, "%-60s %8.0f ms%n", what, nanos / 1e6);
    }
}
