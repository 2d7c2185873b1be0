package io.ipvsd.kerneltest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The VM's kernel takes the nf_tables features ipvsd's rules use (so the modules are loaded). */
@Tag("kernel")
class NftNetnsTest {

    // Hash (ipv4_addr), rbtree (interval) and bitmap (inet_service) sets; ether saddr, meta mark
    // set, counter, ct, and masquerade in a nat chain.
    private static final String RULESET = """
            table inet ipvsd_kt {
                set clients { type ether_addr; elements = { 02:00:00:00:00:01 } }
                set backends { type ipv4_addr; elements = { 10.10.10.2 } }
                set port_ranges { type inet_service; flags interval; elements = { 8000-8999 } }
                set ports { type inet_service; elements = { 80, 443 } }
                chain prerouting {
                    type filter hook prerouting priority mangle; policy accept;
                    ether saddr @clients meta mark set 0x1 counter
                    ct state established,related counter accept
                }
                chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    ip daddr @backends tcp dport @ports ct direction original masquerade
                    tcp dport @port_ranges meta mark 0x1 counter masquerade
                }
            }
            """;

    @RegisterExtension
    final FreshNetns netns = new FreshNetns();

    @Test
    void rulesetWithSetsMarksConntrackAndMasqueradeLoads(@TempDir Path dir) throws IOException {
        Path rules = Files.writeString(dir.resolve("rules.nft"), RULESET);

        netns.exec("nft", "-f", rules.toString()).assertSuccess();
        String listed = netns.exec("nft", "list", "table", "inet", "ipvsd_kt").assertSuccess().stdout();

        assertTrue(listed.contains("meta mark set 0x00000001"), listed);
        assertTrue(listed.contains("ether saddr @clients"), listed);
        assertTrue(listed.contains("ct direction original masquerade"), listed);
        assertTrue(listed.contains("8000-8999"), listed);
    }
}
