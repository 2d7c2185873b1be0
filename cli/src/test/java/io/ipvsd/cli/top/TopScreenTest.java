package io.ipvsd.cli.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.Stats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopScreenTest {
    private static final AddressServiceKey WEB = new AddressServiceKey(Protocol.TCP, Endpoints.parseAddress("10.0.0.1"), 80);

    private static Stats counters(long conns, long inBytes, long outBytes) {
        return new Stats(conns, 0, 0, inBytes, outBytes, 0, 0, 0, 0, 0);
    }

    private static Destination real(String address, long active, long inactive, Stats stats) {
        return new Destination(new DestinationKey(Endpoints.parseAddress(address), 80), AddressFamily.INET,
                new DestinationSettings(ForwardingMethod.MASQ, 1, 0, 0, null), active, inactive, 0, stats);
    }

    /** Two reads 2 s apart: the service and each real server with the counters' growth per second. */
    private static final Sample FIRST = new Sample(1_000_000_000L, List.of(new Sample.Entry(
            new Service(WEB, new ServiceSettings("wlc", 0, 0, 0xffffffffL, null), counters(100, 10_000, 2_000_000)),
            List.of(real("10.0.1.1", 3, 4, counters(60, 6_000, 1_000_000)), real("10.0.1.2", 0, 1, counters(40, 4_000, 1_000_000))))));
    private static final Sample SECOND = new Sample(3_000_000_000L, List.of(new Sample.Entry(
            new Service(WEB, new ServiceSettings("wlc", 0, 0, 0xffffffffL, null), counters(140, 14_000, 2_600_000)),
            List.of(real("10.0.1.1", 5, 2, counters(90, 9_000, 1_400_000)), real("10.0.1.2", 1, 1, counters(50, 5_000, 1_200_000))))));

    @Test
    void ratesAreTheCountersGrowthPerSecondWithHealthFromTheDaemon() {
        String screen = TopScreen.render(FIRST, SECOND, Map.of("10.0.1.1:80", "UP", "10.0.1.2:80", "DOWN"), "header", 200, 50);
        assertEquals(List.of("header",
                "Prot  LocalAddress:Port / -> RemoteAddress:Port     ActConn InActConn    Conn/s  InBytes/s OutBytes/s  Health",
                "TCP   10.0.0.1:80                                         6         3        20       2000       300K",
                "        -> 10.0.1.1:80                                    5         2        15       1500       200K  UP",
                "        -> 10.0.1.2:80                                    1         1         5        500       100K  DOWN"),
                screen.lines().toList());
    }

    @Test
    void firstScreenHasNoRatesAndNoDaemonNoHealthColumn() {
        String screen = TopScreen.render(null, FIRST, Map.of(), "h", 200, 50);
        assertTrue(screen.lines().skip(2).allMatch(l -> l.contains(" -") && !l.endsWith("UP")), screen);
        assertTrue(!screen.contains("Health"), screen);
    }

    @Test
    void fitsTheTerminal() {
        String screen = TopScreen.render(FIRST, SECOND, Map.of(), "header", 30, 3);
        List<String> lines = screen.lines().toList();
        assertEquals(3, lines.size());
        assertTrue(lines.stream().allMatch(l -> l.length() <= 30), screen);
        assertEquals("... 3 more rows (enlarge the t", lines.get(2), screen);
    }

    @Test
    void largeRatesInIpvsadmUnits() {
        assertEquals("99999", TopScreen.human(99_999));
        assertEquals("125K", TopScreen.human(125_000));
        assertEquals("3M", TopScreen.human(3_000_000));
    }
}
