package io.ipvsd.ipvs;

import static io.ipvsd.ipvs.Fixtures.ALL_ONES;
import static io.ipvsd.ipvs.Fixtures.dest;
import static io.ipvsd.ipvs.Fixtures.ip;
import static io.ipvsd.ipvs.Fixtures.sched;
import static io.ipvsd.ipvs.Fixtures.tcp;
import static io.ipvsd.ipvs.Fixtures.udp;
import static io.ipvsd.ipvs.Fixtures.weight;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** How ops read in plans and logs, and the values they refuse before anything is sent. */
class IpvsOpTest {
    private static final AddressServiceKey WEB = tcp("192.0.2.1", 80);
    private static final ServiceKey V6 = new AddressServiceKey(Protocol.TCP, ip("2001:db8::1"), 443);

    /** The text of an op is the `ipvsctl plan` line: one text from plan to wire. */
    @Test
    void opsReadAsPlanLines() {
        assertEquals("+ service TCP 192.0.2.1:80 wlc", new IpvsOp.AddService(WEB, sched("wlc", WEB)).toString());
        assertEquals("~ service TCP 192.0.2.1:80 sh -> sh persistent 600 mask 255.255.255.0 flags 0x18",
                new IpvsOp.EditService(WEB, sched("sh", WEB), new ServiceSettings("sh", ServiceFlags.PERSISTENT
                        | ServiceFlags.SH_FALLBACK | ServiceFlags.SH_PORT, 600, 0xffffff00L, null)).toString());
        // sh names two flag bits (ipvsadm prints nothing for a third): the bits show, so no change is invisible.
        assertEquals("+ service TCP 192.0.2.1:80 sh flags 0x20",
                new IpvsOp.AddService(WEB, new ServiceSettings("sh", ServiceFlags.SCHED3, 0, ALL_ONES, null)).toString());
        assertEquals("+ service TCP [2001:db8::1]:443 rr persistent 300 mask 64 flags 0x8 pe sip",
                new IpvsOp.AddService(V6, new ServiceSettings("rr", ServiceFlags.PERSISTENT | ServiceFlags.SCHED1, 300, 64, "sip"))
                        .toString());
        assertEquals("+ service UDP 192.0.2.1:53 rr ops",
                new IpvsOp.AddService(udp("192.0.2.1", 53), new ServiceSettings("rr", ServiceFlags.ONEPACKET, 0, ALL_ONES, null))
                        .toString());
        assertEquals("- service FWM 7 IPv6", new IpvsOp.DeleteService(new FwmarkServiceKey(AddressFamily.INET6, 7)).toString());
        assertEquals("+   real 198.51.100.1:80 of TCP 192.0.2.1:80 dr weight 1",
                new IpvsOp.AddDestination(WEB, dest("198.51.100.1", 80), weight(ForwardingMethod.ROUTE, 1)).toString());
        assertEquals("~   real 198.51.100.1:80 of TCP 192.0.2.1:80 tun weight 1 -> tun weight 0 thresholds 10-100"
                        + " tunnel gue port 6080 csum (draining)",
                new IpvsOp.EditDestination(WEB, dest("198.51.100.1", 80), weight(ForwardingMethod.TUNNEL, 1),
                        new DestinationSettings(ForwardingMethod.TUNNEL, 0, 100, 10, new Tunnel(TunnelType.GUE, 6080,
                                Tunnel.FLAG_CSUM)), "draining").toString());
        assertEquals("-   real [2001:db8::2]:443 of TCP [2001:db8::1]:443",
                new IpvsOp.DeleteDestination(V6, dest("2001:db8::2", 443)).toString());
    }

    @Test
    void theLabelLeavesTheSettingsOut() {
        assertEquals("add destination 198.51.100.1:80 to TCP 192.0.2.1:80",
                new IpvsOp.AddDestination(WEB, dest("198.51.100.1", 80), weight(ForwardingMethod.ROUTE, 1)).label());
    }

    @Test
    void aTunnelWithoutOptionsIsIpip() {
        assertEquals(Tunnel.IPIP, new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, null).tunnel());
    }

    @Test
    void serviceValuesIpvsadmOrTheKernelRefuse() {
        refused("scheduler name is missing", WEB, new ServiceSettings("", 0, 0, ALL_ONES, null));
        refused("scheduler name \"a-very-long-scheduler\" is not 1..15 printable ASCII characters", WEB,
                new ServiceSettings("a-very-long-scheduler", 0, 0, ALL_ONES, null));
        refused("TCP 192.0.2.1:80: unknown flags 0x40", WEB, new ServiceSettings("rr", 0x40, 0, ALL_ONES, null));
        refused("TCP 192.0.2.1:80: persistence timeout 0 is outside 1..2678400", WEB,
                new ServiceSettings("rr", ServiceFlags.PERSISTENT, 0, ALL_ONES, null));
        refused("TCP 192.0.2.1:80: persistence timeout 2678401 is outside 1..2678400", WEB,
                new ServiceSettings("rr", ServiceFlags.PERSISTENT, 2678401, ALL_ONES, null));
        refused("TCP [2001:db8::1]:443: netmask 129 is outside 1..128", V6, new ServiceSettings("rr", 0, 0, 129, null));
        refused("TCP [2001:db8::1]:443: netmask 0 is outside 1..128", V6, new ServiceSettings("rr", 0, 0, 0, null));
        refused("TCP 192.0.2.1:0: port 0 (all ports) needs a persistent service", tcp("192.0.2.1", 0), sched("rr", WEB));
        refused("TCP 192.0.2.1:80: one-packet scheduling is only for UDP services", WEB,
                new ServiceSettings("rr", ServiceFlags.ONEPACKET, 0, ALL_ONES, null));
        assertDoesNotThrow(() -> new IpvsOp.AddService(new FwmarkServiceKey(AddressFamily.INET, 1),
                new ServiceSettings("rr", ServiceFlags.ONEPACKET, 0, ALL_ONES, null)), "ipvsadm -A -f 1 -o is accepted");
    }

    @Test
    void destinationValuesIpvsadmOrTheKernelRefuse() {
        String of = "destination 198.51.100.1:80 of TCP 192.0.2.1:80: ";
        refused(of + "weight -1 is outside 0..2147483647", new DestinationSettings(ForwardingMethod.ROUTE, -1, 0, 0, null));
        refused(of + "thresholds must be within 0..2147483647",
                new DestinationSettings(ForwardingMethod.ROUTE, 1, 1L << 31, 0, null));
        refused(of + "lower threshold 5 is above upper threshold 0", new DestinationSettings(ForwardingMethod.ROUTE, 1, 0, 5, null));
        refused(of + "tunnel options need the tunnel method",
                new DestinationSettings(ForwardingMethod.MASQ, 1, 0, 0, Tunnel.IPIP));
        refused(of + "a GUE tunnel needs a port in 1..65535",
                new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, new Tunnel(TunnelType.GUE, 0, 0)));
        refused(of + "only a GUE tunnel has a port",
                new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, new Tunnel(TunnelType.GRE, 5, 0)));
        refused(of + "remote checksum offload needs a GUE tunnel",
                new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, new Tunnel(TunnelType.IPIP, 0, Tunnel.FLAG_REMCSUM)));
        refused(of + "tunnel flags must be 0, CSUM or REMCSUM, not 3",
                new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, new Tunnel(TunnelType.GUE, 1, 3)));
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> new IpvsOp.AddDestination(WEB, dest("2001:db8::5", 80), weight(ForwardingMethod.MASQ, 1)));
        assertEquals("destination [2001:db8::5]:80 of TCP 192.0.2.1:80: a real server of another address family needs"
                + " the tunnel method", mixed.getMessage());
        assertDoesNotThrow(() -> new IpvsOp.AddDestination(WEB, dest("2001:db8::5", 80),
                new DestinationSettings(ForwardingMethod.TUNNEL, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, null)));
    }

    private static void refused(String message, ServiceKey key, ServiceSettings settings) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> new IpvsOp.AddService(key, settings))
                .getMessage());
    }

    private static void refused(String message, DestinationSettings settings) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> new IpvsOp.EditDestination(WEB, dest("198.51.100.1", 80), settings)).getMessage());
    }
}
