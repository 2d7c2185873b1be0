package io.ipvsd.kerneltest.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.genl.FamilyResolver;
import io.ipvsd.genl.Genl;
import io.ipvsd.ipvs.wire.IpvsGenl;
import io.ipvsd.netlink.AttrWriter;
import io.ipvsd.netlink.Connection;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.jnr.NetlinkSockets;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: a foreign service ipvsd cannot read fully (made with ipvsadm, with a persistence
 * engine, and given a real server of a tunnel type ipvsd does not know, over generic netlink,
 * which the kernel accepts unchecked) sits beside ipvsd's services: ipvsd still creates, heals
 * and drains its own, leaves the foreign one alone, and status names it with the reason.
 */
@Tag("kernel")
class UnreadForeignServiceKernelTest {
    private static final Duration HEAL = Duration.ofSeconds(2 + 8);
    private static final String FOREIGN = "10.77.0.50";

    private DirectorLab lab;

    @BeforeEach
    void network() {
        lab = DirectorLab.create("10.77.0.10", FOREIGN);
        lab.addServer("rs1", "10.77.2.11", 80);
        lab.addServer("rs2", "10.77.2.12", 80);
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    @Test
    void ipvsdKeepsReconcilingItsOwnBesideAForeignServiceItCannotRead() throws Exception {
        lab.inDirector("ipvsadm", "-A", "-t", FOREIGN + ":5060", "-s", "rr", "-p", "60", "--pe", "sip");
        addTunnelDestinationOfType(7);
        String foreignListing = lab.inDirector("ipvsadm", "-Ln", "-t", FOREIGN + ":5060").stdout();

        lab.writeConfig(lab.daemonSection("1s") + "[sysctl]\n\"net.ipv4.ip_forward\" = 1\n" + DriftKernelTest.SERVICES);
        lab.startDaemon();
        awaitOwn("created beside the unreadable service", DriftKernelTest.SPREAD_RULES);

        String status = Await.until(HEAL, "status names the unread foreign service",
                () -> lab.ipvsctl("status", "--json", "--socket", lab.controlSocket().toString()).stdout(),
                s -> s.contains("unknown tunnel type 7"), lab::context);
        assertTrue(status.matches("(?s).*\"unread_services\"\\s*:\\s*\\[\\s*\\{\\s*\"service\"\\s*:\\s*\"TCP "
                + FOREIGN.replace(".", "\\.") + ":5060\".*"), status);

        lab.inDirector("ipvsadm", "-d", "-t", "10.77.0.10:80", "-r", "10.77.2.11:80");
        awaitOwn("a deleted real server healed", DriftKernelTest.SPREAD_RULES);

        // rs2 leaves the file: with no connections it is drained and removed at once.
        lab.writeConfig(lab.daemonSection("1s") + "[sysctl]\n\"net.ipv4.ip_forward\" = 1\n"
                + DriftKernelTest.SERVICES.replace("""
                          [[service.real]]
                          address = "10.77.2.12"
                          method = "nat"
                        """, ""));
        awaitOwn("rs2 drained", Set.of("-A -t 10.77.0.10:80 -s rr", "-a -t 10.77.0.10:80 -r 10.77.2.11:80 -m -w 1"));

        assertEquals(foreignListing, lab.inDirector("ipvsadm", "-Ln", "-t", FOREIGN + ":5060").stdout(),
                "the foreign service is untouched");
    }

    /** ipvsd's lines of {@code ipvsadm -Sn} (the foreign service's are ipvsadm's to print as it can). */
    private void awaitOwn(String what, Set<String> expected) {
        Await.until(HEAL.plus(DirectorLab.START_TIMEOUT), what, () -> {
            Set<String> own = new HashSet<>();
            for (String line : lab.ipvsadmRules()) {
                if (!line.contains(FOREIGN)) {
                    own.add(line);
                }
            }
            return own;
        }, expected::equals, lab::context);
    }

    /** IPVS_CMD_NEW_DEST with a tunnel type no ipvsadm writes: the kernel stores what it is given. */
    private void addTunnelDestinationOfType(int tunnelType) throws Exception {
        try (Connection c = new Connection(NetlinkSockets.openIn(lab.director().path(), Netlink.NETLINK_GENERIC),
                Duration.ofSeconds(10))) {
            int family = FamilyResolver.resolve(c, IpvsGenl.FAMILY_NAME, "modprobe ip_vs").id();
            byte[] vip = padded(FOREIGN);
            byte[] real = padded("10.77.2.12");
            AttrWriter w = new AttrWriter();
            w.nested(IpvsGenl.CMD_ATTR_SERVICE, n -> n.u16(IpvsGenl.SVC_ATTR_AF, 2).u16(IpvsGenl.SVC_ATTR_PROTOCOL, 6)
                    .bytes(IpvsGenl.SVC_ATTR_ADDR, vip).be16(IpvsGenl.SVC_ATTR_PORT, 5060));
            w.nested(IpvsGenl.CMD_ATTR_DEST, n -> n.u16(IpvsGenl.DEST_ATTR_ADDR_FAMILY, 2)
                    .bytes(IpvsGenl.DEST_ATTR_ADDR, real).be16(IpvsGenl.DEST_ATTR_PORT, 5060)
                    .u32(IpvsGenl.DEST_ATTR_FWD_METHOD, 2).u32(IpvsGenl.DEST_ATTR_WEIGHT, 1)
                    .u8(IpvsGenl.DEST_ATTR_TUN_TYPE, tunnelType).be16(IpvsGenl.DEST_ATTR_TUN_PORT, 0)
                    .u16(IpvsGenl.DEST_ATTR_TUN_FLAGS, 0).u32(IpvsGenl.DEST_ATTR_U_THRESH, 0)
                    .u32(IpvsGenl.DEST_ATTR_L_THRESH, 0));
            c.execute("add a destination of tunnel type " + tunnelType,
                    Genl.message(family, 0, IpvsGenl.CMD_NEW_DEST, IpvsGenl.VERSION, w));
        }
    }

    private static byte[] padded(String ipv4) throws Exception {
        return Arrays.copyOf(InetAddress.getByName(ipv4).getAddress(), 16);
    }
}
