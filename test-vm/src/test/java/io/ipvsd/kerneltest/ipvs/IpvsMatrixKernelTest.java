package io.ipvsd.kerneltest.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.IpvsClient;
import io.ipvsd.ipvs.IpvsOp;
import io.ipvsd.ipvs.IpvsOpResult;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.Scheduler;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceFlags;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.Stats;
import io.ipvsd.kerneltest.FreshNetns;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every scheduler of the 6.1 kernel × protocol × address family × forwarding method, plus fwmark
 * services of both families: written by our client, read back by it and by ipvsadm -Sn.
 */
@Tag("kernel")
class IpvsMatrixKernelTest {
    private static final ForwardingMethod[] METHODS = {ForwardingMethod.MASQ, ForwardingMethod.ROUTE, ForwardingMethod.TUNNEL};

    @RegisterExtension
    final FreshNetns netns = new FreshNetns();

    @ParameterizedTest
    @EnumSource(Scheduler.class)
    void everyCombinationReadsBackTheSameBothWays(Scheduler scheduler) throws Exception {
        Map<ServiceKey, ServiceSettings> services = new HashMap<>();
        Map<ServiceKey, List<Destination>> destinations = new HashMap<>();
        List<IpvsOp> ops = new ArrayList<>();
        int flags = scheduler == Scheduler.SH || scheduler == Scheduler.MH ? ServiceFlags.SCHED1 | ServiceFlags.SCHED2 : 0;
        int fwmark = 1;
        for (AddressFamily family : AddressFamily.values()) {
            for (int m = 0; m < METHODS.length; m++) {
                List<ServiceKey> keys = new ArrayList<>();
                for (Protocol protocol : Protocol.values()) {
                    keys.add(new AddressServiceKey(protocol, vip(family, protocol.ordinal(), m), 80 + m));
                }
                keys.add(new FwmarkServiceKey(family, fwmark++));
                for (ServiceKey key : keys) {
                    ServiceSettings settings = new ServiceSettings(scheduler.kernelName(), flags, 0,
                            family == AddressFamily.INET ? 0xffffffffL : 128, null);
                    services.put(key, settings);
                    ops.add(new IpvsOp.AddService(key, settings));
                    int port = key instanceof AddressServiceKey a ? a.port() : 0;
                    for (int r = 1; r <= 2; r++) {
                        DestinationKey dk = new DestinationKey(real(family, fwmark, m, r), port);
                        DestinationSettings ds = new DestinationSettings(METHODS[m], r * 10 + m, 0, 0, null);
                        ops.add(new IpvsOp.AddDestination(key, dk, ds));
                        destinations.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(new Destination(dk, family, ds, 0, 0, 0, Stats.ZERO));
                    }
                }
            }
        }
        try (IpvsClient client = IpvsClient.open(netns.path())) {
            List<IpvsOpResult> results = client.apply(ops);
            assertTrue(results.stream().allMatch(IpvsOpResult::ok), () -> results.stream().filter(r -> !r.ok()).toList().toString());

            List<Service> read = client.services();
            assertEquals(services.size(), read.size());
            for (Service s : read) {
                assertEquals(services.get(s.key()), s.settings(), s.key().toString());
                assertEquals(sorted(destinations.get(s.key())), sorted(client.destinations(s.key())), s.key().toString());
            }
            assertEquals(Ipvsadm.save(netns), IpvsadmRules.of(client));
        }
    }

    private static InetAddress vip(AddressFamily family, int protocol, int method) throws Exception {
        return InetAddress.getByName(family == AddressFamily.INET ? "10.1." + protocol + "." + (method + 1)
                : "2001:db8:1:" + protocol + "::" + (method + 1));
    }

    private static InetAddress real(AddressFamily family, int group, int method, int n) throws Exception {
        return InetAddress.getByName(family == AddressFamily.INET ? "10.2." + (group * 4 + method) + "." + n
                : "2001:db8:2:" + (group * 4 + method) + "::" + n);
    }

    private static List<Destination> sorted(List<Destination> ds) {
        List<Destination> s = new ArrayList<>(ds);
        s.sort(Comparator.comparing(d -> d.key().toString()));
        return s;
    }
}
