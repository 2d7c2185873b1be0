package io.ipvsd.daemon.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import io.ipvsd.daemon.health.HealthState;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.daemon.plan.DesiredService;
import io.ipvsd.daemon.plan.DesiredState;
import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.ServiceFlags;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.Tunnel;
import io.ipvsd.ipvs.TunnelType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredStateBuilderTest {
    private static final AddressServiceKey WEB = new AddressServiceKey(Protocol.TCP, Endpoints.parseAddress("192.0.2.10"), 443);
    private static final AddressServiceKey API = new AddressServiceKey(Protocol.TCP, Endpoints.parseAddress("192.0.2.30"), 80);
    private static final DestinationKey API1 = new DestinationKey(Endpoints.parseAddress("198.51.100.21"), 8080);
    private static final DestinationKey API2 = new DestinationKey(Endpoints.parseAddress("198.51.100.22"), 8080);
    private static final DestinationKey SORRY = new DestinationKey(Endpoints.parseAddress("198.51.100.99"), 8080);

    private static Config example() {
        LoadResult r = ConfigLoader.load(Path.of("../examples/ipvsd.toml"));
        return ((LoadResult.Loaded) r).config();
    }

    private static TargetStatus down() {
        return new TargetStatus(HealthState.DOWN, null, 3, Instant.EPOCH, 1);
    }

    @Test
    void withEveryServerUpTheExampleMapsToKernelTerms() {
        DesiredState d = DesiredStateBuilder.build(example(), Map.of(), Map.of()).state();
        DesiredService web = d.services().get(WEB);
        assertEquals(new ServiceSettings("wlc", ServiceFlags.PERSISTENT, 600, 0xffffffffL, null), web.settings());
        assertEquals(new DestinationSettings(ForwardingMethod.ROUTE, 100, 0, 0, null),
                web.destinations().get(new DestinationKey(Endpoints.parseAddress("203.0.113.11"), 443)));
        DesiredService shop = d.services().get(new FwmarkServiceKey(AddressFamily.INET, 1));
        assertEquals(ServiceFlags.PERSISTENT | ServiceFlags.MH_PORT, shop.settings().flags());
        assertEquals(2, shop.destinations().size());
        DesiredService api = d.services().get(API);
        assertEquals(new ServiceSettings("rr", 0, 0, 0xffffffffL, null), api.settings());
        assertEquals(Map.of(SORRY, "sorry server no longer needed"), api.evicted());
        assertEquals(Duration.ofSeconds(300), api.drainTimeout());
        assertEquals("1", d.sysctls().get("net.ipv4.ip_forward"));
        assertEquals(new io.ipvsd.ipvs.Timeouts(900, 120, 300), d.timeouts());
        assertEquals(6, DesiredStateBuilder.targets(example()).size());
    }

    @Test
    void aDownServerIsEvictedAndAllDownBringsTheSorryServer() {
        String api = API.toString();
        DesiredService one = DesiredStateBuilder.build(example(),
                Map.of(new TargetKey(api, API1.address(), 8080), down()), Map.of()).state().services().get(API);
        assertEquals(java.util.Set.of(API2), one.destinations().keySet());
        assertEquals("health check failed", one.evicted().get(API1));

        DesiredService none = DesiredStateBuilder.build(example(), Map.of(new TargetKey(api, API1.address(), 8080), down(),
                new TargetKey(api, API2.address(), 8080), down()), Map.of()).state().services().get(API);
        assertEquals(java.util.Set.of(SORRY), none.destinations().keySet());
        assertEquals(new DestinationSettings(ForwardingMethod.MASQ, 1, 0, 0, null), none.destinations().get(SORRY));
        assertTrue(none.evicted().containsKey(API1) && none.evicted().containsKey(API2));
    }

    @Test
    void inhibitOnFailureKeepsTheServerWithWeightZeroAndTunnelsMap() {
        LoadResult r = ConfigLoader.parse("""
                [[service]]
                protocol = "tcp"
                address = "192.0.2.1"
                port = 80
                inhibit_on_failure = true
                health_check = { type = "tcp" }
                  [[service.real]]
                  address = "198.51.100.1"
                  method = "tun"
                  weight = 7
                  tunnel = { type = "gue", port = 6080, checksum = "remcsum" }
                """, "t.toml");
        Config c = ((LoadResult.Loaded) r).config();
        AddressServiceKey key = new AddressServiceKey(Protocol.TCP, Endpoints.parseAddress("192.0.2.1"), 80);
        DesiredService s = DesiredStateBuilder.build(c, Map.of(new TargetKey(key.toString(), Endpoints.parseAddress("198.51.100.1"), 80),
                down()), Map.of()).state().services().get(key);
        assertEquals(Map.of(new DestinationKey(Endpoints.parseAddress("198.51.100.1"), 80),
                new DestinationSettings(ForwardingMethod.TUNNEL, 0, 0, 0, new Tunnel(TunnelType.GUE, 6080, Tunnel.FLAG_REMCSUM))),
                s.destinations());
        assertEquals(Map.of(), s.evicted());
    }
}
