package io.ipvsd.cli.list;

import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.Stats;
import io.ipvsd.ipvs.Tunnel;
import java.net.InetAddress;

/** Short builders of model records for tests. */
final class Tables {
    static final long NO_MASK = 0xffffffffL;

    private Tables() {
    }

    static ServiceKey tcp(String address, int port) {
        return new AddressServiceKey(Protocol.TCP, ip(address), port);
    }

    static ServiceKey udp(String address, int port) {
        return new AddressServiceKey(Protocol.UDP, ip(address), port);
    }

    static ServiceKey sctp(String address, int port) {
        return new AddressServiceKey(Protocol.SCTP, ip(address), port);
    }

    static ServiceKey fwmark(long mark) {
        return new FwmarkServiceKey(AddressFamily.INET, mark);
    }

    static ServiceKey fwmark6(long mark) {
        return new FwmarkServiceKey(AddressFamily.INET6, mark);
    }

    /** A service as the kernel reports one: IPv6 netmask 128 and IPv4 all ones when not persistent. */
    static Service service(ServiceKey key, String scheduler, int flags, int timeout, long netmask, String pe, Stats stats) {
        return new Service(key, new ServiceSettings(scheduler, flags, timeout, netmask, pe), stats);
    }

    static Service service(ServiceKey key, String scheduler, int flags) {
        long mask = key.family() == AddressFamily.INET ? NO_MASK : 128;
        return service(key, scheduler, flags, 0, mask, null, Stats.ZERO);
    }

    static Destination dest(String address, int port, ForwardingMethod method, int weight) {
        return dest(address, port, new DestinationSettings(method, weight, 0, 0, null), 0, 0, 0, Stats.ZERO);
    }

    static Destination dest(String address, int port, DestinationSettings settings,
                            long active, long inactive, long persistent, Stats stats) {
        InetAddress a = ip(address);
        return new Destination(new DestinationKey(a, port), AddressFamily.of(a), settings, active, inactive, persistent, stats);
    }

    static Destination tunnel(String address, int port, Tunnel tunnel) {
        return dest(address, port, new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0, tunnel), 0, 0, 0, Stats.ZERO);
    }

    static Destination withThresholds(String address, int port, ForwardingMethod method, int weight, long upper, long lower) {
        return dest(address, port, new DestinationSettings(method, weight, upper, lower, null), 0, 0, 0, Stats.ZERO);
    }

    static InetAddress ip(String text) {
        return Endpoints.parseAddress(text);
    }
}
