package io.ipvsd.cli.doctor;

import io.ipvsd.daemon.config.Config;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * What doctor read from the live system. A part that could not be read is null, and the reason is
 * in {@link #unread}; {@link Diagnosis} then says which checks did not run.
 *
 * @param config          the ipvsd file (--config, else the one the daemon runs), or null
 * @param sysctls         name as sysctl(8) spells it (interfaces verbatim) to value; a sysctl
 *                        the kernel lacks is absent
 * @param addresses       every address on every interface, or null
 * @param daemon          the daemon's status, or null
 * @param markPackets     per [[mark]] rule name (fwmark1, fwmark1_2 ...): packets its nft rules
 *                        counted at the second of two reads, or null
 * @param markUnmoved     the names whose counter did not move between the two reads
 * @param fwmarkConnections per fwmark: the connections IPVS counted for its services, or null
 * @param vrrpDrops       rules of other nf_tables tables that drop IP protocol 112, or null
 * @param unread          part ("config", "daemon", "addresses", "nft", "ipvs", "firewall") to why
 */
record Facts(Config config, Map<String, String> sysctls, List<LocalAddress> addresses, DaemonView daemon,
             Map<String, Long> markPackets, List<String> markUnmoved, Map<Long, Long> fwmarkConnections,
             List<ForeignRule> vrrpDrops, Map<String, String> unread) {

    /** An address on an interface of this host. */
    record LocalAddress(String dev, InetAddress address, int prefixLength) {
    }

    /**
     * A rule of a table that is not ipvsd's, as nft(8) would locate it.
     *
     * @param where "inet filter input handle 4"
     */
    record ForeignRule(String where) {
    }

    /** What the daemon's status JSON says (the parts doctor uses). */
    record DaemonView(String configPath, List<Health> health, List<Vrrp> vrrp) {
    }

    /** One real server's health, as the daemon reports it. */
    record Health(String service, String realServer, boolean up, String reason) {
    }

    /** One VRRP instance, as the daemon reports it. */
    record Vrrp(String name, String dev, int vrid, String state, List<String> faults, Map<String, Long> dropped,
                List<String> warnings) {
    }
}
