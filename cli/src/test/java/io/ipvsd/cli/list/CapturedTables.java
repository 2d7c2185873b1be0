package io.ipvsd.cli.list;

import static io.ipvsd.cli.list.Tables.NO_MASK;
import static io.ipvsd.cli.list.Tables.dest;
import static io.ipvsd.cli.list.Tables.fwmark;
import static io.ipvsd.cli.list.Tables.fwmark6;
import static io.ipvsd.cli.list.Tables.sctp;
import static io.ipvsd.cli.list.Tables.service;
import static io.ipvsd.cli.list.Tables.tcp;
import static io.ipvsd.cli.list.Tables.tunnel;
import static io.ipvsd.cli.list.Tables.udp;
import static io.ipvsd.cli.list.Tables.withThresholds;
import static io.ipvsd.ipvs.ForwardingMethod.MASQ;
import static io.ipvsd.ipvs.ForwardingMethod.ROUTE;
import static io.ipvsd.ipvs.ServiceFlags.ONEPACKET;
import static io.ipvsd.ipvs.ServiceFlags.PERSISTENT;
import static io.ipvsd.ipvs.ServiceFlags.SCHED1;
import static io.ipvsd.ipvs.ServiceFlags.SCHED2;
import static io.ipvsd.ipvs.ServiceFlags.SCHED3;

import io.ipvsd.cli.FakeIpvsAccess;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.Stats;
import io.ipvsd.ipvs.Tunnel;
import io.ipvsd.ipvs.TunnelType;

/**
 * The model records equivalent to the tables the capture scripts built in the test VM (see
 * src/test/resources/io/ipvsd/cli/list/ipvsadm/capture-*.sh), in the order the kernel dumped them.
 */
final class CapturedTables {
    private CapturedTables() {
    }

    /** capture-shapes.sh: many service shapes, no traffic. Kernel order from shapes-Ln-nosort.txt. */
    static FakeIpvsAccess shapes() {
        return new FakeIpvsAccess()
                .add(service(udp("10.0.0.1", 5060), "rr", PERSISTENT | ONEPACKET, 300, NO_MASK, "sip", Stats.ZERO),
                        dest("10.0.1.3", 5060, MASQ, 1))
                .add(service(udp("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff", 5353), "rr", PERSISTENT, 120, 64, null, Stats.ZERO),
                        dest("2001:db8:aaaa:bbbb:cccc:dddd:eeee:1", 5353, MASQ, 1))
                .add(service(tcp("2001:db8::1", 80), "wrr", 0),
                        dest("2001:0:0:1::1", 80, ROUTE, 1),
                        dest("2001:db8::1:0:0:20", 8080, MASQ, 1),
                        dest("2001:db8::10", 80, MASQ, 5))
                .add(service(sctp("10.0.0.2", 3868), "sh", SCHED1 | SCHED2),
                        dest("10.0.1.4", 3868, MASQ, 1))
                .add(service(tcp("10.0.0.1", 8080), "wlc", SCHED1 | SCHED3),
                        withThresholds("10.0.1.1", 8080, MASQ, 1, 100, 50))
                .add(service(tcp("192.168.10.1", 443), "rr", PERSISTENT, 600, 0xffffff00L, null, Stats.ZERO),
                        dest("10.0.2.1", 443, ROUTE, 1))
                .add(service(tcp("10.0.0.5", 80), "fo", 0),
                        tunnel("2001:db8::50", 80, Tunnel.IPIP))
                .add(service(tcp("200.0.0.1", 80), "lc", 0))
                .add(service(tcp("10.0.0.1", 80), "wlc", 0),
                        withThresholds("172.16.0.9", 80, ROUTE, 65535, 1000, 800),
                        dest("192.168.5.5", 80, ROUTE, 0),
                        dest("10.0.1.2", 8080, MASQ, 3),
                        dest("10.0.1.1", 80, MASQ, 1))
                .add(service(tcp("10.0.0.3", 0), "rr", PERSISTENT, 60, NO_MASK, null, Stats.ZERO))
                .add(service(udp("10.0.0.1", 53), "rr", ONEPACKET),
                        dest("10.0.1.2", 53, MASQ, 2),
                        dest("10.0.1.1", 53, MASQ, 1))
                .add(service(fwmark(4294967295L), "sed", 0))
                .add(service(fwmark(3000000000L), "nq", PERSISTENT, 30, 0xffff0000L, null, Stats.ZERO))
                .add(service(fwmark(1), "lc", PERSISTENT, 120, NO_MASK, null, Stats.ZERO),
                        tunnel("10.0.3.5", 0, new Tunnel(TunnelType.GUE, 5555, 0)),
                        tunnel("10.0.3.4", 0, new Tunnel(TunnelType.GRE, 0, Tunnel.FLAG_CSUM)),
                        tunnel("10.0.3.3", 0, new Tunnel(TunnelType.GUE, 6080, Tunnel.FLAG_CSUM)),
                        tunnel("10.0.3.2", 0, Tunnel.IPIP),
                        dest("10.0.3.1", 0, ROUTE, 1))
                .add(service(fwmark6(2), "mh", SCHED1 | SCHED2),
                        dest("2001:db8::30", 0, ROUTE, 1));
    }

    /**
     * capture-traffic.sh: NAT services after real traffic. Counters from traffic-Ln-stats-exact.txt,
     * rates from traffic-Ln-rate-exact.txt, connection counts from traffic-Ln-persistent-conn.txt.
     */
    static FakeIpvsAccess traffic() {
        Stats web4 = new Stats(2, 12, 12, 786, 1066, 0, 1, 1, 64, 87);
        Stats persistent4 = new Stats(1, 6, 6, 393, 533, 0, 1, 1, 37, 50);
        Stats dns = new Stats(1, 1, 1, 34, 62, 0, 0, 0, 3, 6);
        Stats web6 = new Stats(1, 7, 5, 592, 581, 0, 1, 0, 55, 54);
        Stats persistent6 = new Stats(1, 6, 6, 520, 653, 0, 1, 1, 49, 61);
        DestinationSettings masq = new DestinationSettings(MASQ, 1, 0, 0, null);
        return new FakeIpvsAccess()
                .add(service(tcp("10.9.1.100", 80), "rr", 0, 0, NO_MASK, null, web4),
                        dest("10.9.2.2", 80, masq, 0, 2, 0, web4))
                .add(service(tcp("10.9.1.101", 80), "rr", PERSISTENT, 300, 0xffffff00L, null, persistent4),
                        dest("10.9.2.2", 80, masq, 0, 1, 1, persistent4))
                .add(service(udp("10.9.1.100", 53), "rr", 0, 0, NO_MASK, null, dns),
                        dest("10.9.2.2", 53, masq, 0, 1, 0, dns))
                .add(service(udp("10.9.1.103", 5060), "rr", PERSISTENT, 60, NO_MASK, "sip", Stats.ZERO),
                        dest("10.9.2.2", 5060, masq, 0, 0, 0, Stats.ZERO))
                .add(service(tcp("2001:db8:1::100", 80), "rr", 0, 0, 128, null, web6),
                        dest("2001:db8:2::2", 80, masq, 0, 1, 0, web6))
                .add(service(tcp("2001:db8:1::101", 80), "rr", PERSISTENT, 300, 64, null, persistent6),
                        dest("2001:db8:2::2", 80, masq, 0, 1, 1, persistent6))
                .add(service(fwmark(1), "rr", PERSISTENT, 60, NO_MASK, null, persistent4),
                        dest("10.9.2.2", 0, masq, 0, 1, 1, persistent4));
    }
}
