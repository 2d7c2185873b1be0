package io.ipvsd.daemon.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole desired state: what the kernel's IPVS tables, the nftables table and the listed
 * sysctls must look like.
 *
 * @param sysctls     name (as sysctl(8) spells it) to value, in file order
 * @param timeouts    null when [ipvs.timeouts] is absent
 * @param syncDaemon  null when [ipvs.sync_daemon] is absent
 * @param services    in file order
 * @param vrrpInstances   in file order
 * @param staticAddresses addresses kept on their interfaces with no VRRP, in file order
 * @param metrics     the HTTP listener for /metrics and /healthz (read at start only)
 */
public record Config(DaemonSettings daemon, Map<String, String> sysctls, IpvsTimeouts timeouts,
                     SyncDaemonConfig syncDaemon, List<VirtualServiceConfig> services,
                     List<MarkRuleConfig> marks, List<MasqueradeRuleConfig> masquerades,
                     List<VrrpInstanceConfig> vrrpInstances, List<VrrpSyncGroupConfig> vrrpSyncGroups,
                     List<VirtualAddressConfig> staticAddresses, MetricsSettings metrics) {
    public Config {
        sysctls = Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
        services = List.copyOf(services);
        marks = List.copyOf(marks);
        masquerades = List.copyOf(masquerades);
        vrrpInstances = List.copyOf(vrrpInstances);
        vrrpSyncGroups = List.copyOf(vrrpSyncGroups);
        staticAddresses = List.copyOf(staticAddresses);
    }
}
