package io.ipvsd.daemon.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The document root: reads every section and checks what spans sections. */
final class ConfigParser {
    static final Set<String> KEYS = Set.of("daemon", "sysctl", "ipvs", "service", "mark", "masquerade",
            "vrrp_instance", "vrrp_sync_group", "static_ipaddress", "metrics");

    private ConfigParser() {
    }

    /** Reads as much as it can; the result is only meaningful if no error was reported. */
    static Config parse(TableReader root, Problems problems) {
        root.allowOnly(KEYS);
        DaemonSettings daemon = DaemonSectionParser.parse(root.tableOrEmpty("daemon"));
        Map<String, String> sysctls = SysctlSectionParser.parse(root.tableOrEmpty("sysctl"));
        MetricsSettings metrics = MetricsSectionParser.parse(root.tableOrEmpty("metrics"));
        TableReader ipvs = root.tableOrEmpty("ipvs");
        ipvs.allowOnly(IpvsSectionParser.KEYS);
        IpvsTimeouts timeouts = ipvs.table("timeouts").map(IpvsSectionParser::timeouts).orElse(null);
        List<TableReader> instanceTables = root.tables("vrrp_instance");
        Set<String> instanceNames = namesWritten(instanceTables);
        SyncDaemonConfig syncDaemon = ipvs.table("sync_daemon")
                .flatMap(sync -> IpvsSectionParser.syncDaemon(sync, instanceNames)).orElse(null);

        List<MarkRuleConfig> marks = root.tables("mark").stream()
                .map(MarkRuleParser::parse).flatMap(Optional::stream).toList();
        Set<FwmarkKey> markedKeys = marks.stream().map(ConfigParser::keyOf).collect(Collectors.toSet());
        ServiceParser serviceParser = new ServiceParser(daemon.drainTimeout(), ipvs.has("sync_daemon"), markedKeys);
        List<VirtualServiceConfig> services = root.tables("service").stream()
                .map(serviceParser::parse).flatMap(Optional::stream).toList();
        List<MasqueradeRuleConfig> masquerades = root.tables("masquerade").stream()
                .map(MasqueradeRuleParser::parse).toList();

        AddressClaims claims = new AddressClaims(problems);
        VrrpInstanceParser instanceParser = new VrrpInstanceParser(namesWritten(root.tables("service")), claims,
                problems);
        List<VrrpInstanceConfig> instances = instanceTables.stream()
                .map(instanceParser::parse).flatMap(Optional::stream).toList();
        VrrpSyncGroupParser groupParser = new VrrpSyncGroupParser(instanceNames);
        List<VrrpSyncGroupConfig> groups = root.tables("vrrp_sync_group").stream()
                .map(groupParser::parse).flatMap(Optional::stream).toList();
        List<VirtualAddressConfig> staticAddresses = root.tables("static_ipaddress").stream()
                .map(VirtualAddressParser::staticAddress).flatMap(Optional::stream).toList();
        staticAddresses.forEach(address -> claims.claim(address, "[[static_ipaddress]]", "static_ipaddress.address", false));
        claims.reportConflicts();

        warnAboutUnusedMarks(marks, services, problems);
        return new Config(daemon, sysctls, timeouts, syncDaemon, services, marks, masquerades, instances, groups,
                staticAddresses, metrics);
    }

    /**
     * The names written in tables, valid or not: a reference to a table with mistakes of its own
     * is not reported again.
     */
    private static Set<String> namesWritten(List<TableReader> tables) {
        return tables.stream().map(table -> table.peekString("name")).flatMap(Optional::stream)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static FwmarkKey keyOf(MarkRuleConfig mark) {
        return new FwmarkKey(mark.family(), mark.fwmark());
    }

    /**
     * Not an error: the rule is harmless (marked packets are routed as usual) and may be wanted
     * while a service is being moved; but it is most likely a forgotten or mistyped service.
     */
    private static void warnAboutUnusedMarks(List<MarkRuleConfig> marks, List<VirtualServiceConfig> services,
                                             Problems problems) {
        Set<ServiceKey> serviceKeys = services.stream().map(VirtualServiceConfig::key).collect(Collectors.toSet());
        for (MarkRuleConfig mark : marks) {
            if (!serviceKeys.contains(keyOf(mark))) {
                problems.warn(mark.pos(), "mark: no service uses fwmark " + mark.fwmark() + " for " + mark.family()
                        + " (" + keyOf(mark) + "); the packets are marked but not balanced");
            }
        }
    }
}
