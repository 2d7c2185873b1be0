package io.ipvsd.genl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.netlink.Connection;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.jnr.NetlinkSockets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Against the host kernel, which has generic netlink but no IPVS. */
class FamilyResolverHostTest {

    @Test
    void resolvesTheControllerFamilyItself() throws Exception {
        try (Connection c = new Connection(NetlinkSockets.open(Netlink.NETLINK_GENERIC), Duration.ofSeconds(2))) {
            Family f = FamilyResolver.resolve(c, "nlctrl", null);
            assertEquals(Genl.GENL_ID_CTRL, f.id());
            assertEquals("nlctrl", f.name());
        }
    }

    @Test
    void aMissingFamilyIsATypedErrorWithTheHint() throws Exception {
        try (Connection c = new Connection(NetlinkSockets.open(Netlink.NETLINK_GENERIC), Duration.ofSeconds(2))) {
            FamilyNotFoundException e = assertThrows(FamilyNotFoundException.class,
                    () -> FamilyResolver.resolve(c, "NOFAMILYX", "load it"));
            assertEquals("kernel has no generic netlink family NOFAMILYX: load it", e.getMessage());
            assertTrue(e.family().equals("NOFAMILYX"));
        }
    }
}
