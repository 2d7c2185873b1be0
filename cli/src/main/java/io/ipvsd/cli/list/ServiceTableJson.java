package io.ipvsd.cli.list;

import io.ipvsd.ipvs.Netmask;
import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.IpvsInfo;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceFlags;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.Stats;
import io.ipvsd.ipvs.Tunnel;
import io.ipvsd.ipvs.TunnelType;
import java.util.List;
import java.util.Locale;

/**
 * The JSON document of {@code ipvsctl list --json}. The shape is a stable interface: fields are only
 * ever added, every field is always present (null when it does not apply), and names never change.
 *
 * <pre>
 * {
 *   "version": "1.2.1",                       IPVS version
 *   "connectionTableSize": 4096,              connection hash table buckets
 *   "services": [ {                           in the order the listing would show them
 *     "key": "TCP 10.0.0.1:80",               "TCP 10.0.0.1:80", "UDP [2001:db8::1]:53", "FWM 1 IPv4"
 *     "family": "IPv4",                       "IPv4" | "IPv6"
 *     "protocol": "TCP",                      "TCP" | "UDP" | "SCTP"; null for fwmark services
 *     "address": "10.0.0.1",                  null for fwmark services
 *     "port": 80,                             null for fwmark services
 *     "fwmark": null,                         the mark of fwmark services, else null
 *     "scheduler": "wlc",
 *     "schedulerFlags": ["sh-fallback"],      ipvsadm's names: sh-fallback, sh-port, mh-fallback, mh-port, flag-1..3
 *     "onePacket": false,                     one-packet scheduling (ipvsadm "ops")
 *     "persistence": {                        null unless persistent
 *       "timeout": 300,                       seconds
 *       "netmask": "255.255.255.0",           IPv4: dotted mask; IPv6: prefix length, e.g. "64"
 *       "engine": null },                     persistence engine, e.g. "sip"
 *     "stats": { "connections": 0, "inPackets": 0, "outPackets": 0, "inBytes": 0, "outBytes": 0 },
 *     "rates": { "connectionsPerSecond": 0, "inPacketsPerSecond": 0, "outPacketsPerSecond": 0,
 *                "inBytesPerSecond": 0, "outBytesPerSecond": 0 },
 *     "destinations": [ {
 *       "address": "10.0.1.1", "port": 80, "family": "IPv4",
 *       "forward": "masq",                    "masq" | "local" | "tunnel" | "route"
 *       "weight": 1, "upperThreshold": 0, "lowerThreshold": 0,
 *       "activeConnections": 0, "inactiveConnections": 0, "persistentConnections": 0,
 *       "tunnel": null,                       for "tunnel": { "type": "ipip" | "gue" | "gre",
 *                                               "port": 6080 (gue only, else null),
 *                                               "checksum": "nocsum" | "csum" | "remcsum" }
 *       "stats": {...}, "rates": {...} } ] } ]
 * }
 * </pre>
 */
record ServiceTableJson(String version, long connectionTableSize, List<ServiceJson> services) {

    static ServiceTableJson of(IpvsInfo info, List<ServiceEntry> entries) {
        return new ServiceTableJson(info.version(), info.connectionTableSize(),
                entries.stream().map(ServiceTableJson::service).toList());
    }

    record ServiceJson(String key, String family, String protocol, String address, Integer port, Long fwmark,
                       String scheduler, List<String> schedulerFlags, boolean onePacket,
                       PersistenceJson persistence, StatsJson stats, RatesJson rates,
                       List<DestinationJson> destinations) {
    }

    record PersistenceJson(long timeout, String netmask, String engine) {
    }

    record StatsJson(long connections, long inPackets, long outPackets, long inBytes, long outBytes) {
    }

    record RatesJson(long connectionsPerSecond, long inPacketsPerSecond, long outPacketsPerSecond,
                     long inBytesPerSecond, long outBytesPerSecond) {
    }

    record DestinationJson(String address, int port, String family, String forward, int weight,
                           long upperThreshold, long lowerThreshold,
                           long activeConnections, long inactiveConnections, long persistentConnections,
                           TunnelJson tunnel, StatsJson stats, RatesJson rates) {
    }

    record TunnelJson(String type, Integer port, String checksum) {
    }

    private static ServiceJson service(ServiceEntry entry) {
        Service s = entry.service();
        ServiceSettings settings = s.settings();
        AddressServiceKey a = s.key() instanceof AddressServiceKey k ? k : null;
        Long fwmark = s.key() instanceof FwmarkServiceKey f ? f.fwmark() : null;
        return new ServiceJson(s.key().toString(), s.key().family().label(),
                a == null ? null : a.protocol().name(),
                a == null ? null : AddressText.address(a.address()),
                a == null ? null : a.port(),
                fwmark,
                settings.scheduler(),
                SchedulerFlagNames.of(settings.scheduler(), settings.flags()),
                (settings.flags() & ServiceFlags.ONEPACKET) != 0,
                settings.persistent() ? persistence(s) : null,
                stats(s.stats()), rates(s.stats()),
                entry.destinations().stream().map(ServiceTableJson::destination).toList());
    }

    private static PersistenceJson persistence(Service s) {
        ServiceSettings settings = s.settings();
        String netmask = s.key().family() == AddressFamily.INET
                ? Netmask.ipv4(settings.netmask())
                : Long.toString(settings.netmask());
        String engine = settings.peName() == null || settings.peName().isEmpty() ? null : settings.peName();
        return new PersistenceJson(Integer.toUnsignedLong(settings.timeout()), netmask, engine);
    }

    private static DestinationJson destination(Destination d) {
        DestinationSettings s = d.settings();
        return new DestinationJson(AddressText.address(d.key().address()), d.key().port(), d.family().label(),
                s.method().name().toLowerCase(Locale.ROOT), s.weight(), s.upperThreshold(), s.lowerThreshold(),
                d.activeConnections(), d.inactiveConnections(), d.persistentConnections(),
                s.method() == ForwardingMethod.TUNNEL ? tunnel(s.tunnel() == null ? Tunnel.IPIP : s.tunnel()) : null,
                stats(d.stats()), rates(d.stats()));
    }

    private static TunnelJson tunnel(Tunnel t) {
        String checksum = switch (t.flags()) {
            case 0 -> "nocsum";
            case Tunnel.FLAG_CSUM -> "csum";
            case Tunnel.FLAG_REMCSUM -> "remcsum";
            default -> "flags " + t.flags();
        };
        return new TunnelJson(t.type().name().toLowerCase(Locale.ROOT),
                t.type() == TunnelType.GUE ? t.port() : null, checksum);
    }

    private static StatsJson stats(Stats s) {
        return new StatsJson(s.connections(), s.inPackets(), s.outPackets(), s.inBytes(), s.outBytes());
    }

    private static RatesJson rates(Stats s) {
        return new RatesJson(s.connectionRate(), s.inPacketRate(), s.outPacketRate(), s.inByteRate(), s.outByteRate());
    }
}
