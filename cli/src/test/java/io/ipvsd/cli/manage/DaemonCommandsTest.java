package io.ipvsd.cli.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.cli.FakeIpvsAccess;
import io.ipvsd.cli.Ipvsctl;
import io.ipvsd.daemon.control.ControlServer;
import io.ipvsd.daemon.state.StateDirLock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ipvsctl reload` against a control socket answering as the daemon does, and `apply` beside a daemon. */
class DaemonCommandsTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run ipvsctl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Ipvsctl(new FakeIpvsAccess()).execute(args, new PrintStream(out), new PrintStream(err));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void reloadPrintsTheAcceptedGeneration() throws Exception {
        Path sock = dir.resolve("ipvsd.sock");
        List<String> requests = new ArrayList<>();
        try (ControlServer daemon = new ControlServer(sock, request -> {
            requests.add(request);
            return "{\"result\":\"accepted\",\"generation\":7}";
        })) {
            Run run = ipvsctl("reload", "--socket", sock.toString());
            assertEquals(new Run(0, "accepted, generation 7\n", ""), run);
            assertEquals(0, ipvsctl("reload", "--socket", sock.toString(), "--allow-removal").code());
        }
        assertEquals(List.of("reload", "reload --allow-removal"), requests);
    }

    @Test
    void reloadPrintsEveryErrorOfARejectedFileAndFails() throws Exception {
        Path sock = dir.resolve("ipvsd.sock");
        try (ControlServer daemon = new ControlServer(sock, request -> """
                {"result":"rejected","errors":["/etc/ipvsd.toml:2:12: daemon.interval: must be greater than 0",\
                "/etc/ipvsd.toml:4:12: service.protocol: must be one of tcp, udp, sctp; got \\"tcpp\\""]}""")) {
            Run run = ipvsctl("reload", "--socket", sock.toString());
            assertEquals(1, run.code());
            assertEquals("", run.out());
            assertEquals("""
                    /etc/ipvsd.toml:2:12: daemon.interval: must be greater than 0
                    /etc/ipvsd.toml:4:12: service.protocol: must be one of tcp, udp, sctp; got "tcpp"
                    ipvsctl: 2 errors; the daemon keeps its running configuration
                    """, run.err());
        }
    }

    @Test
    void reloadPrintsWhyARemovalWasRefused() throws Exception {
        Path sock = dir.resolve("ipvsd.sock");
        try (ControlServer daemon = new ControlServer(sock, request ->
                "{\"result\":\"refused\",\"reason\":\"f would remove 2 of the 2 services ipvsd owns; confirm with `ipvsctl reload --allow-removal`\"}")) {
            Run run = ipvsctl("reload", "--socket", sock.toString());
            assertEquals(new Run(1, "", "ipvsctl: f would remove 2 of the 2 services ipvsd owns; confirm with "
                    + "`ipvsctl reload --allow-removal`\n"), run);
        }
    }

    @Test
    void reloadTakesTheSocketFromTheConfig() throws Exception {
        Path sock = dir.resolve("control.sock");
        Path config = dir.resolve("ipvsd.toml");
        Files.writeString(config, "[daemon]\ncontrol_socket = \"" + sock + "\"\n");
        try (ControlServer daemon = new ControlServer(sock, request -> "{\"result\":\"accepted\",\"generation\":2}")) {
            assertEquals("accepted, generation 2\n", ipvsctl("reload", "--config", config.toString()).out());
        }
    }

    @Test
    void noDaemonIsOneLine() {
        Run run = ipvsctl("reload", "--socket", dir.resolve("none.sock").toString());
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("ipvsctl: cannot reach the daemon at " + dir.resolve("none.sock")), run.err());
        assertEquals(1, run.err().lines().count());
    }

    @Test
    void applyRefusesWhileADaemonHoldsTheStateDirectory() throws Exception {
        Path state = dir.resolve("state");
        Path config = dir.resolve("ipvsd.toml");
        Files.writeString(config, "[daemon]\nstate_dir = \"" + state + "\"\n");
        try (StateDirLock daemon = StateDirLock.acquire(state)) {
            Run run = ipvsctl("apply", config.toString());
            assertEquals(1, run.code());
            assertEquals("ipvsctl: ipvsd (pid " + ProcessHandle.current().pid() + ") is running with state_dir " + state
                    + "; not applying beside it. Let the daemon apply the file: put it where ipvsd reads its config and"
                    + " run `ipvsctl reload` (or send it SIGHUP)\n", run.err());
        }
    }
}
