package io.ipvsd.daemon.metrics;

import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.ServiceKey;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * Label names and values of services and real servers: node_exporter's IPVS labels, spelled as it
 * spells them (addresses compressed and without brackets, proto "TCP"/"UDP"/"FWM", an FWM
 * service's mark as 8 upper-case hex digits with an empty local_address and local_port "0"), so
 * queries join ipvsd's series with {@code node_ipvs_backend_*}; plus the service's {@code name}
 * from the file (empty for an unnamed or foreign service).
 */
final class IpvsLabels {
    static final String[] SERVICE = {"local_address", "local_port", "proto", "local_mark", "name"};
    static final String[] REAL_SERVER = {"local_address", "local_port", "remote_address", "remote_port", "proto",
            "local_mark", "name"};

    private IpvsLabels() {
    }

    static List<String> service(ServiceKey key, String name) {
        Local l = local(key);
        return List.of(l.address, l.port, l.proto, l.mark, name);
    }

    static List<String> realServer(ServiceKey key, String name, InetAddress address, int port) {
        Local l = local(key);
        return List.of(l.address, l.port, Endpoints.address(address), Integer.toString(port), l.proto, l.mark, name);
    }

    private record Local(String address, String port, String proto, String mark) {
    }

    private static Local local(ServiceKey key) {
        if (key instanceof AddressServiceKey a) {
            return new Local(Endpoints.address(a.address()), Integer.toString(a.port()), a.protocol().name(), "");
        }
        FwmarkServiceKey f = (FwmarkServiceKey) key;
        return new Local("", "0", "FWM", String.format(Locale.ROOT, "%08X", f.fwmark()));
    }
}
