package io.ipvsd.rtnl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.NetlinkException;
import io.ipvsd.packet.VethLab;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RtnlClient against the real kernel, in namespaces the test creates. */
class RtnlClientTest {
    private static final byte[] MAC_A = {2, 0, 0, 0, 0, 0x0a};

    private VethLab lab;
    private RtnlClient rtnl;

    @BeforeEach
    void setUp() throws Exception {
        lab = VethLab.create();
        rtnl = RtnlClient.openIn(lab.pathA());
    }

    @AfterEach
    void tearDown() {
        if (rtnl != null) {
            rtnl.close();
        }
        lab.close();
    }

    @Test
    void linksListsLoopbackAndTheVethWithTheirAddresses() throws Exception {
        List<Link> links = rtnl.links();
        assertEquals(2, links.size(), links.toString());
        Link lo = links.stream().filter(l -> l.name().equals("lo")).findFirst().orElseThrow();
        assertEquals(1, lo.index());
        assertArrayEquals(new byte[6], lo.mac());
        assertTrue(lo.up());
        Link va = links.stream().filter(l -> l.name().equals("va")).findFirst().orElseThrow();
        assertArrayEquals(MAC_A, va.mac());
        assertTrue(va.up());
        assertEquals(Optional.of(va), rtnl.link("va"));
    }

    @Test
    void linkIsUpOnlyWhileAdministrativelyUpWithCarrier() throws Exception {
        assertTrue(rtnl.link("va").orElseThrow().up());
        // The peer going down takes the carrier away: va stays IFF_UP but loses IFF_RUNNING.
        lab.inB("ip", "link", "set", "vb", "down");
        assertFalse(rtnl.link("va").orElseThrow().up());
        lab.inB("ip", "link", "set", "vb", "up");
        assertTrue(rtnl.link("va").orElseThrow().up());
        lab.inA("ip", "link", "set", "va", "down");
        assertFalse(rtnl.link("va").orElseThrow().up());
        lab.inA("ip", "link", "set", "va", "up");
        assertTrue(rtnl.link("va").orElseThrow().up());
    }

    @Test
    void aMissingDeviceIsEmpty() throws Exception {
        assertEquals(Optional.empty(), rtnl.link("nosuch0"));
        assertThrows(IllegalArgumentException.class, () -> rtnl.link("a-name-of-16-byt"));
    }

    @Test
    void addsAndDeletesAnIpv4AddressWithALabel() throws Exception {
        int va = rtnl.link("va").orElseThrow().index();
        InterfaceAddress vip = new InterfaceAddress(va, InetAddress.getByName("192.0.2.98"), 24, "va:1");
        rtnl.addAddress(vip);
        String json = lab.inA("ip", "-j", "addr", "show", "dev", "va");
        assertTrue(json.contains("\"local\":\"192.0.2.98\",\"prefixlen\":24"), json);
        assertTrue(json.contains("\"label\":\"va:1\""), json);
        List<InterfaceAddress> addresses = rtnl.addresses();
        assertTrue(addresses.contains(vip), addresses.toString());
        // The kernel labels an address added without one with the device's name.
        assertTrue(addresses.contains(new InterfaceAddress(va, InetAddress.getByName("192.0.2.1"), 24, "va")),
                addresses.toString());

        rtnl.addAddress(vip); // EEXIST: already done
        rtnl.deleteAddress(vip);
        assertFalse(lab.inA("ip", "-j", "addr", "show", "dev", "va").contains("192.0.2.98"));
        assertFalse(rtnl.addresses().contains(vip));
        rtnl.deleteAddress(vip); // EADDRNOTAVAIL: already done
    }

    @Test
    void addsAndDeletesAnIpv6AddressWithoutDuplicateAddressDetection() throws Exception {
        // DAD is on here, so the address would be tentative for a second without NODAD.
        lab.inA("sysctl", "-qw", "net.ipv6.conf.va.accept_dad=1");
        int va = rtnl.link("va").orElseThrow().index();
        InterfaceAddress vip = new InterfaceAddress(va, InetAddress.getByName("2001:db8::98"), 64, null);
        rtnl.addAddress(vip);
        String json = lab.inA("ip", "-j", "-6", "addr", "show", "dev", "va");
        assertTrue(json.contains("\"local\":\"2001:db8::98\",\"prefixlen\":64"), json);
        assertFalse(json.contains("tentative"), json);
        assertTrue(rtnl.addresses().contains(vip));

        rtnl.addAddress(vip);
        rtnl.deleteAddress(vip);
        assertFalse(lab.inA("ip", "-j", "addr", "show", "dev", "va").contains("2001:db8::98"));
        assertFalse(rtnl.addresses().contains(vip));
        rtnl.deleteAddress(vip);
    }

    @Test
    void otherRefusalsNameTheOperation() throws Exception {
        InterfaceAddress onNoDevice = new InterfaceAddress(9999, InetAddress.getByName("192.0.2.98"), 24, null);
        NetlinkException e = assertThrows(NetlinkException.class, () -> rtnl.addAddress(onNoDevice));
        assertEquals(Errno.ENODEV, e.errno());
        assertEquals("RTM_NEWADDR 192.0.2.98/24 dev 9999", e.op());
        rtnl.deleteAddress(onNoDevice); // ENODEV on delete: gone already
    }

    @Test
    void closeTwiceIsSafe() {
        rtnl.close();
        rtnl.close();
        assertThrows(java.io.IOException.class, () -> rtnl.links());
    }
}
