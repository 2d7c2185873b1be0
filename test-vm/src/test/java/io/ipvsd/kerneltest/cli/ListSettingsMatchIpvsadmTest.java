package io.ipvsd.kerneltest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.kerneltest.ExecResult;
import io.ipvsd.kerneltest.FreshNetns;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * {@code ipvsctl list --timeout} and {@code list --daemon} print exactly what
 * {@code ipvsadm -L --timeout} and {@code ipvsadm -L --daemon} print, for the kernel's defaults
 * and for values set with ipvsadm in a fresh namespace.
 */
@Tag("kernel")
class ListSettingsMatchIpvsadmTest {
    @RegisterExtension
    final FreshNetns netns = new FreshNetns();

    @Test
    void timeoutsMatchIpvsadm() {
        Executable defaults = sameAsIpvsadm("--timeout");
        assertAll(defaults);
        netns.exec("ipvsadm", "--set", "1000", "30", "200").assertSuccess();
        IpvsctlRun set = list("--timeout");
        assertEquals("Timeout (tcp tcpfin udp): 1000 30 200\n", set.stdout(), set.stderr());
        assertAll(sameAsIpvsadm("--timeout"));
    }

    @Test
    void syncDaemonsMatchIpvsadm() {
        netns.exec("ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1").assertSuccess();
        netns.exec("ip", "addr", "add", "10.9.0.1/24", "dev", "v0").assertSuccess();
        netns.exec("ip", "addr", "add", "10.9.0.2/24", "dev", "v1").assertSuccess();
        netns.exec("ip", "link", "set", "v0", "up").assertSuccess();
        netns.exec("ip", "link", "set", "v1", "up").assertSuccess();
        List<Executable> checks = new ArrayList<>();
        checks.add(sameAsIpvsadm("--daemon"));
        netns.exec("ipvsadm", "--start-daemon", "master", "--mcast-interface", "v0", "--syncid", "5").assertSuccess();
        checks.add(sameAsIpvsadm("--daemon"));
        netns.exec("ipvsadm", "--start-daemon", "backup", "--mcast-interface", "v1", "--syncid", "7",
                "--mcast-group", "239.1.2.3", "--mcast-port", "9000", "--mcast-ttl", "3", "--sync-maxlen", "1000")
                .assertSuccess();
        IpvsctlRun both = list("--daemon");
        assertEquals(2, both.stdout().lines().count(), both.stdout());
        assertTrue(both.stdout().contains("backup sync daemon (mcast=v1, syncid=7"), both.stdout());
        checks.add(sameAsIpvsadm("--daemon"));
        netns.exec("ipvsadm", "--stop-daemon", "master").assertSuccess();
        checks.add(sameAsIpvsadm("--daemon"));
        assertAll(checks.stream());
    }

    private IpvsctlRun list(String option) {
        return IpvsctlRun.of(List.of("list", option, "--netns", netns.name()));
    }

    /** Compares now (the table changes between checks) and reports at the end. */
    private Executable sameAsIpvsadm(String option) {
        ExecResult ipvsadm = netns.exec("ipvsadm", "-L", option).assertSuccess();
        IpvsctlRun ours = list(option);
        return () -> {
            assertEquals("", ours.stderr(), "ipvsadm -L " + option + ": stderr");
            assertEquals(0, ours.exitCode(), "exit code");
            assertEquals(ipvsadm.stdout(), ours.stdout(), "ipvsadm -L " + option + " (state " + ipvsadm.stdout() + ")");
        };
    }
}
