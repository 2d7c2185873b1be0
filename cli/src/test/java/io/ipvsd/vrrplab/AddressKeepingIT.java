package io.ipvsd.vrrplab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Addresses are state like everything else: read back, restored when deleted by hand, a static one
 * kept with no VRRP, an undeclared one never touched; an instance whose interface is missing is in
 * FAULT (not a refused start) and comes up when the interface appears.
 */
class AddressKeepingIT {
    private static final Vip STATIC = Vip.of("192.0.2.50/32", "ens192:9");
    /** Added by hand: the kernel labels it with the interface name. */
    private static final Vip FOREIGN = Vip.of("192.0.2.77/24", Lab.LAN_INTERFACE);

    private static String cidr(Vip vip) {
        return vip.address() + "/" + vip.prefixLength();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void deletedAddressesComeBackAndOthersAreLeftAlone() {
        try (Lab lab = Lab.create("address-keeping", 1)) {
            Shell.run("ip", "-n", lab.netns(0), "addr", "add", cidr(FOREIGN), "dev", Lab.LAN_INTERFACE);
            IpvsdNode ipvsd = IpvsdNode.startWithFile(lab, 0, "ipvsd-A", """
                    [[vrrp_instance]]
                    name = "VI_1"
                    interface = "ens192"
                    virtual_router_id = 98
                    virtual_ipaddress = ["192.0.2.98/24 dev ens192 label ens192:1"]

                    [[static_ipaddress]]
                    address = "192.0.2.50/32"
                    dev = "ens192"
                    label = "ens192:9"
                    """);
            Vips vips = new Vips(ipvsd);
            vips.await("static address at once, VIP once master", Scenario.ELECTION,
                    s -> s.has(ipvsd, STATIC) && s.has(ipvsd, Scenario.VIP_98));

            Shell.run("ip", "-n", lab.netns(0), "addr", "del", cidr(Scenario.VIP_98), "dev", Lab.LAN_INTERFACE);
            Shell.run("ip", "-n", lab.netns(0), "addr", "del", cidr(STATIC), "dev", Lab.LAN_INTERFACE);
            long deleted = System.nanoTime();
            long back = vips.await("both restored", Duration.ofSeconds(5),
                    s -> s.has(ipvsd, STATIC) && s.has(ipvsd, Scenario.VIP_98));
            Scenario.recordWithin("address keeping, one ipvsd", "VIP and static address deleted by hand -> restored",
                    deleted, back, 2.0);

            ipvsd.terminate();
            assertEquals(0, ipvsd.exitValue());
            AddressSnapshot after = vips.snapshot();
            assertTrue(!after.has(ipvsd, Scenario.VIP_98) && after.has(ipvsd, STATIC) && after.has(ipvsd, FOREIGN),
                    "SIGTERM gives the VIP up, keeps the static address, never touches the foreign one: " + after);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aMissingInterfaceIsAFaultUntilItAppears() {
        try (Lab lab = Lab.create("missing-interface", 1)) {
            IpvsdNode ipvsd = IpvsdNode.startWithFile(lab, 0, "ipvsd-A", """
                    [[vrrp_instance]]
                    name = "VI_1"
                    interface = "ens224"
                    virtual_router_id = 98
                    virtual_ipaddress = ["192.0.2.98/24"]
                    """);
            VrrpStatus fault = ipvsd.awaitStatus("VI_1 in FAULT", Duration.ofSeconds(10), s -> s.state("VI_1").equals("FAULT"));
            assertTrue(fault.faults("VI_1").contains("interface ens224 does not exist"), fault::toString);

            lab.addTrackedInterface(0);
            Shell.run("ip", "-n", lab.netns(0), "addr", "add", "192.0.2.31/24", "dev", Lab.TRACKED_INTERFACE);
            ipvsd.awaitStatus("VI_1 master once ens224 exists", Scenario.ELECTION, s -> s.state("VI_1").equals("MASTER"));
            String addresses = Shell.run("ip", "-n", lab.netns(0), "-o", "addr", "show", "dev", Lab.TRACKED_INTERFACE);
            assertTrue(addresses.contains(" 192.0.2.98/24 "), addresses);
        }
    }
}
