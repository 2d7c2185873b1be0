package io.ipvsd.daemon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Label values as node_exporter's IPVS collector writes them, so series join. */
class IpvsLabelsTest {
    @Test
    void addressServiceWithAnIpv6RealServer() {
        AddressServiceKey key = new AddressServiceKey(Protocol.UDP, Endpoints.parseAddress("2001:db8:0:0::10"), 53);
        assertEquals(List.of("2001:db8::10", "53", "2001:db8::1:2", "5353", "UDP", "", "dns"),
                IpvsLabels.realServer(key, "dns", Endpoints.parseAddress("2001:db8:0:0:0:0:1:2"), 5353));
    }

    @Test
    void firewallMarkServiceHasNoLocalAddressPortZeroAndTheMarkInHex() {
        FwmarkServiceKey key = new FwmarkServiceKey(AddressFamily.INET, 0x1f);
        assertEquals(List.of("", "0", "FWM", "0000001F", ""), IpvsLabels.service(key, ""));
    }
}
