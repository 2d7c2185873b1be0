package io.ipvsd.kerneltest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** IPVS as ipvsadm and /proc see it, one table per network namespace. */
@Tag("kernel")
class IpvsNetnsTest {

    private static final Pattern SERVICE = Pattern.compile("(?m)^TCP\\s+10\\.10\\.10\\.1:80 rr\\s*$");
    private static final Pattern REAL_SERVER =
            Pattern.compile("(?m)^\\s+->\\s+10\\.10\\.10\\.2:80\\s+Masq\\s+1\\s+0\\s+0\\s*$");

    @RegisterExtension
    final FreshNetns netns = new FreshNetns();

    @RegisterExtension
    final FreshNetns other = new FreshNetns();

    @Test
    void procShowsAnEmptyTableInAFreshNamespace() {
        String table = netns.exec("cat", "/proc/net/ip_vs").assertSuccess().stdout();

        assertTrue(table.startsWith("IP Virtual Server version "), table);
        assertTrue(table.contains("Prot LocalAddress:Port Scheduler Flags"), table);
        assertFalse(table.contains("TCP"), table);
    }

    @Test
    void ipvsadmAddsAndListsAServiceWithARealServer() {
        addService(netns);

        String listing = netns.exec("ipvsadm", "-Ln").assertSuccess().stdout();

        assertTrue(SERVICE.matcher(listing).find(), listing);
        assertTrue(REAL_SERVER.matcher(listing).find(), listing);
    }

    @Test
    void anotherNamespaceDoesNotSeeTheService() {
        addService(netns);

        String otherListing = other.exec("ipvsadm", "-Ln").assertSuccess().stdout();
        String otherProc = other.exec("cat", "/proc/net/ip_vs").assertSuccess().stdout();

        assertFalse(otherListing.contains("10.10.10.1"), otherListing);
        assertFalse(otherProc.contains("TCP"), otherProc);
        assertTrue(SERVICE.matcher(netns.exec("ipvsadm", "-Ln").assertSuccess().stdout()).find());
    }

    @Test
    void genericNetlinkFamilyIpvsIsRegistered() {
        String family = netns.exec("genl", "ctrl", "get", "name", "IPVS").assertSuccess().stdout();

        assertTrue(family.contains("Name: IPVS"), family);
    }

    private static void addService(FreshNetns ns) {
        ns.exec("ipvsadm", "-A", "-t", "10.10.10.1:80", "-s", "rr").assertSuccess();
        ns.exec("ipvsadm", "-a", "-t", "10.10.10.1:80", "-r", "10.10.10.2:80", "-m").assertSuccess();
    }
}
