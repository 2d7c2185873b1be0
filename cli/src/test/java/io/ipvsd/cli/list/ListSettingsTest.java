package io.ipvsd.cli.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.cli.FakeIpvsAccess;
import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.SyncState;
import io.ipvsd.ipvs.Timeouts;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** {@code list --timeout} and {@code list --daemon}: ipvsadm's lines (the VM test compares them with ipvsadm itself). */
class ListSettingsTest {
    @Test
    void timeoutsInIpvsadmsOrder() {
        Run r = Run.of(new FakeIpvsAccess().timeouts(new Timeouts(901, 121, 301)), "list", "--timeout");
        assertEquals(0, r.code(), r.err());
        assertEquals("Timeout (tcp tcpfin udp): 901 121 301\n", r.out());
    }

    @Test
    void daemonsWithEverySettingTheKernelReports() throws Exception {
        FakeIpvsAccess access = new FakeIpvsAccess().syncDaemons(
                new SyncDaemon(SyncState.MASTER, "eth0", 1, 1472, InetAddress.getByName("224.0.0.81"), 8848, 1),
                new SyncDaemon(SyncState.BACKUP, "eth1", 2, 1500, InetAddress.getByName("ff02::81"), 9000, 3));
        Run r = Run.of(access, "list", "--daemon");
        assertEquals(0, r.code(), r.err());
        assertEquals("master sync daemon (mcast=eth0, syncid=1, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n"
                + "backup sync daemon (mcast=eth1, syncid=2, maxlen=1500, group=ff02::81, port=9000, ttl=3)\n", r.out());
    }

    @Test
    void zeroSettingsAreLeftOutAsIpvsadmDoes() {
        Run r = Run.of(new FakeIpvsAccess().syncDaemons(SyncDaemon.of(SyncState.BACKUP, "eth0", 7)), "list", "--daemon");
        assertEquals("backup sync daemon (mcast=eth0, syncid=7)\n", r.out());
    }

    @Test
    void noDaemonPrintsNothing() {
        Run r = Run.of(new FakeIpvsAccess(), "list", "--daemon");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void globalListingsTakeNoServiceOrView() {
        for (String[] args : new String[][] {{"list", "--timeout", "-t", "10.0.0.1:80"}, {"list", "--daemon", "--stats"},
                {"list", "--timeout", "-c"}, {"list", "--timeout", "--daemon"}}) {
            Run r = Run.of(new FakeIpvsAccess(), args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertTrue(r.err().startsWith("ipvsctl: --"), r.err());
        }
    }
}
