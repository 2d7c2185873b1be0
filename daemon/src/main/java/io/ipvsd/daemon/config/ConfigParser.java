package io.ipvsd.daemon.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The document root: reads every section and checks what spans sections. */
final class ConfigParser {
    static final Set<String> KEYS = Set.of("daemon", "sysctl", "ipvs", "service", "mark", "masquerade");

    private ConfigParser() {
    }

    /** Reads as much as it can; the result is only meaningful if no error was reported. */
    static Config parse(TableReader root, Problems problems) {
        root.allowOnly(KEYS);
        DaemonSettings daemon = DaemonSectionParser.parse(root.tableOrEmpty("daemon"));
        Map<String, String> sysctls = SysctlSectionParser.parse(root.tableOrEmpty("sysctl"));
        TableReader ipvs = root.tableOrEmpty("ipvs");
        ipvs.allowOnly(IpvsSectionParser.KEYS);
        IpvsTimeouts timeouts = ipvs.table("timeouts").map(IpvsSectionParser::timeouts).orElse(null);
        SyncDaemonConfig syncDaemon = ipvs.table("sync_daemon").flatMap(IpvsSectionParser::syncDaemon).orElse(null);

        List<MarkRuleConfig> marks = root.tables("mark").stream()
                .map(MarkRuleParser::parse).flatMap(Optional::stream).toList();
        Set<FwmarkKey> markedKeys = marks.stream().map(ConfigParser::keyOf).collect(Collectors.toSet());
        ServiceParser serviceParser = new ServiceParser(daemon.drainTimeout(), ipvs.has("sync_daemon"), markedKeys);
        List<VirtualServiceConfig> services = root.tables("service").stream()
                .map(serviceParser::parse).flatMap(Optional::stream).toList();
        List<MasqueradeRuleConfig> masquerades = root.tables("masquerade").stream()
                .map(MasqueradeRuleParser::parse).toList();

        warnAboutUnusedMarks(marks, services, problems);
        return new Config(daemon, sysctls, timeouts, syncDaemon, services, marks, masquerades);
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
