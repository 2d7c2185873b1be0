package io.ipvsd.cli.list;

import static io.ipvsd.cli.list.Tables.dest;
import static io.ipvsd.cli.list.Tables.fwmark;
import static io.ipvsd.cli.list.Tables.fwmark6;
import static io.ipvsd.cli.list.Tables.tcp;
import static io.ipvsd.cli.list.Tables.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.ServiceKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpvsadmOrderTest {
    @Test
    void addressesMoreThan2To31ApartCompareReversed() {
        // 10.0.0.1 - 192.168.10.1 as u32 is 0x4957f600: positive, so 10.0.0.1 sorts after.
        List<ServiceKey> keys = List.of(tcp("10.0.0.1", 80), tcp("192.168.10.1", 443), tcp("200.0.0.1", 80));
        assertEquals(List.of(tcp("192.168.10.1", 443), tcp("200.0.0.1", 80), tcp("10.0.0.1", 80)),
                IpvsadmOrder.sort(keys, IpvsadmOrder::compareServices));
    }

    @Test
    void fwmarkFirstThenFamilyProtocolAddressPort() {
        List<ServiceKey> keys = List.of(fwmark6(2), fwmark(1), udp("10.0.0.1", 53), tcp("2001:db8::1", 80),
                tcp("10.0.0.1", 8080), tcp("10.0.0.1", 80), fwmark(3000000000L));
        assertEquals(List.of(fwmark(3000000000L), tcp("10.0.0.1", 80), tcp("10.0.0.1", 8080), udp("10.0.0.1", 53),
                        tcp("2001:db8::1", 80), fwmark(1), fwmark6(2)),
                IpvsadmOrder.sort(keys, IpvsadmOrder::compareServices));
    }

    @Test
    void destinationsByAddressThenPort() {
        Destination a = dest("10.0.1.1", 80, ForwardingMethod.MASQ, 1);
        Destination b = dest("10.0.1.2", 8080, ForwardingMethod.MASQ, 1);
        Destination c = dest("10.0.1.2", 80, ForwardingMethod.MASQ, 1);
        Destination d = dest("172.16.0.9", 80, ForwardingMethod.MASQ, 1);
        assertEquals(List.of(d, a, c, b), IpvsadmOrder.sort(List.of(b, a, d, c), IpvsadmOrder::compareDestinations));
    }

    @Test
    void mergeSortKeepsEqualItemsInInputOrder() {
        List<String> items = List.of("b1", "a1", "b2", "a2", "c1", "a3");
        assertEquals(List.of("a1", "a2", "a3", "b1", "b2", "c1"),
                IpvsadmOrder.sort(items, (x, y) -> x.charAt(0) - y.charAt(0)));
    }
}
