package io.ipvsd.netlink.jnr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.Netlink;
import io.ipvsd.netlink.NetlinkException;
import io.ipvsd.netlink.NetlinkSocket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real AF_NETLINK socket on the host kernel. */
class NetlinkSocketsHostTest {

    @Test
    void receiveWithNothingQueuedReturnsAtTheDeadline() throws Exception {
        try (NetlinkSocket s = NetlinkSockets.open(Netlink.NETLINK_GENERIC)) {
            assertNotEquals(0, s.portId());
            long start = System.nanoTime();
            assertNull(s.receive(start + TimeUnit.MILLISECONDS.toNanos(100)));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 99 && waited < 2_000, "waited " + waited + " ms");
        }
    }

    @Test
    void closeTwiceIsSafeAndUseAfterCloseFails() throws Exception {
        NetlinkSocket s = NetlinkSockets.open(Netlink.NETLINK_GENERIC);
        s.close();
        s.close();
        IOException e = assertThrows(IOException.class, () -> s.send(new byte[16]));
        assertEquals("netlink socket is closed", e.getMessage());
    }

    @Test
    void aMissingNamespaceIsAnErrorNamingThePath() {
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> NetlinkSockets.openIn(Path.of("/run/netns/ipvsd-no-such-ns"), Netlink.NETLINK_GENERIC));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().startsWith("open(/run/netns/ipvsd-no-such-ns): ENOENT"), e.getMessage());
    }

    @Test
    void opensASocketInsideANamedNamespace() throws Exception {
        String ns = "ipvsd-sock-" + ProcessHandle.current().pid();
        run("ip", "netns", "add", ns);
        try (NetlinkSocket s = NetlinkSockets.openIn(Path.of("/run/netns", ns), Netlink.NETLINK_GENERIC)) {
            assertNotEquals(0, s.portId());
        } finally {
            run("ip", "netns", "del", ns);
        }
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", argv));
    }
}
