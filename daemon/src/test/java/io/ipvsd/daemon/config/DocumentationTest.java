package io.ipvsd.daemon.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** README.md documents every key the parser accepts, each in a table row of its section. */
class DocumentationTest {

    @Test
    void everyKeyHasARowInTheReference() throws Exception {
        String reference = Files.readString(Path.of("../README.md"));
        Map<String, Set<String>> keysBySection = Map.ofEntries(
                Map.entry("[daemon]", DaemonSectionParser.KEYS),
                Map.entry("[metrics]", MetricsSectionParser.KEYS),
                Map.entry("[ipvs.timeouts]", IpvsSectionParser.TIMEOUT_KEYS),
                Map.entry("[ipvs.sync_daemon]", IpvsSectionParser.SYNC_DAEMON_KEYS),
                Map.entry("[[service]]", ServiceParser.KEYS),
                Map.entry("persistence", ServiceParser.PERSISTENCE_KEYS),
                Map.entry("sorry_server", RealServerParser.SORRY_SERVER_KEYS),
                Map.entry("[[service.real]]", RealServerParser.REAL_KEYS),
                Map.entry("tunnel", RealServerParser.TUNNEL_KEYS),
                Map.entry("health_check", HealthCheckParser.ALL_KEYS),
                Map.entry("[[mark]]", MarkRuleParser.KEYS),
                Map.entry("[[masquerade]]", MasqueradeRuleParser.KEYS),
                Map.entry("[[vrrp_instance]]", VrrpInstanceParser.KEYS),
                Map.entry("virtual_ipaddress", VirtualAddressParser.TABLE_KEYS),
                Map.entry("[[vrrp_sync_group]]", VrrpSyncGroupParser.KEYS),
                Map.entry("[[static_ipaddress]]", VirtualAddressParser.TABLE_KEYS));

        Set<String> undocumented = new TreeSet<>();
        keysBySection.forEach((section, keys) -> {
            String text = sectionText(reference, section);
            keys.stream().filter(key -> !text.contains("| `" + key + "` |"))
                    .forEach(key -> undocumented.add(section + " " + key));
        });

        assertEquals(Set.of(), undocumented);
    }

    @Test
    void everySectionIsInTheReference() throws Exception {
        String reference = Files.readString(Path.of("../README.md"));
        for (String topLevel : List.copyOf(ConfigParser.KEYS)) {
            assertEquals(true, reference.contains("`[" + topLevel) || reference.contains("`[[" + topLevel),
                    topLevel);
        }
    }

    /** From the heading "## `section`" or "### `section`" to the next heading. */
    private static String sectionText(String reference, String section) {
        int heading = reference.indexOf("# `" + section + "`");
        if (heading < 0) {
            return "";
        }
        int next = reference.indexOf("\n#", heading + 1);
        return reference.substring(heading, next < 0 ? reference.length() : next);
    }
}
