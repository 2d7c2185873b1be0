package io.ipvsd.kerneltest.ipvs;

import static io.ipvsd.ipvs.Fixtures.dest;
import static io.ipvsd.ipvs.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.IpvsOp;
import io.ipvsd.ipvs.IpvsOpResult;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.kerneltest.FreshNetns;
import io.ipvsd.netlink.Errno;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pipelined writes: every result lands on its own op, across datagrams, and a refusal stops nothing. */
@Tag("kernel")
class IpvsApplyKernelTest {
    @RegisterExtension
    final FreshNetns netns = new FreshNetns();

    @Test
    void eachRefusalIsMappedToItsOp() throws Exception {
        List<IpvsOp> ops = new ArrayList<>();
        ServiceSettings rr = new ServiceSettings("rr", 0, 0, 0xffffffffL, null);
        DestinationSettings masq = new DestinationSettings(ForwardingMethod.MASQ, 1, 0, 0, null);
        for (int s = 0; s < 300; s++) {
            AddressServiceKey key = tcp("10.3." + (s / 200) + "." + (s % 200 + 1), 80);
            ops.add(new IpvsOp.AddService(key, rr));
            for (int d = 1; d <= 3; d++) {
                ops.add(new IpvsOp.AddDestination(key, dest("10.4." + (s % 200) + "." + d, 80), masq));
            }
        }
        Map<Integer, Integer> refusals = new HashMap<>();
        // In the first datagram: a duplicate service; in the third: a destination of a missing service.
        ops.add(100, new IpvsOp.AddService(((IpvsOp.AddService) ops.get(0)).service(), rr));
        refusals.put(100, Errno.EEXIST);
        ops.add(1100, new IpvsOp.AddDestination(tcp("10.9.9.9", 80), dest("10.4.0.1", 80), masq));
        refusals.put(1100, Errno.ESRCH);
        ops.add(new IpvsOp.DeleteDestination(((IpvsOp.AddService) ops.get(0)).service(), dest("10.4.0.99", 80)));
        refusals.put(ops.size() - 1, Errno.ENOENT);

        try (IpvsClient client = IpvsClient.open(netns.path())) {
            List<IpvsOpResult> results = client.apply(ops);

            assertEquals(ops.size(), results.size());
            for (int i = 0; i < ops.size(); i++) {
                assertEquals(ops.get(i), results.get(i).op());
                assertEquals(refusals.getOrDefault(i, 0), results.get(i).errno(), results.get(i).toString());
            }
            assertEquals(300, client.services().size());
            assertEquals(1200, Ipvsadm.save(netns).size());
        }
    }
}
