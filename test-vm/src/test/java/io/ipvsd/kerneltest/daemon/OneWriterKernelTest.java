package io.ipvsd.kerneltest.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 acceptance with the real kernel: one writer per state_dir (a second ipvsd and
 * `ipvsctl apply` stand back while the daemon runs), `ipvsctl reload` answers a bad file's errors
 * and the kernel keeps the old state, and notify commands survive a `touch` of the file.
 */
@Tag("kernel")
class OneWriterKernelTest {
    private static final Duration TICKS = Duration.ofSeconds(20);
    private static final String SERVICE = """
            [[service]]
            protocol = "tcp"
            address = "10.77.0.10"
            port = 80
            scheduler = "rr"
            %s
              [[service.real]]
              address = "10.77.2.11"
              method = "nat"
              [[service.real]]
              address = "10.77.2.12"
              method = "nat"
            """;
    private static final Set<String> GOOD = Set.of("-A -t 10.77.0.10:80 -s rr",
            "-a -t 10.77.0.10:80 -r 10.77.2.11:80 -m -w 1", "-a -t 10.77.0.10:80 -r 10.77.2.12:80 -m -w 1");

    private DirectorLab lab;

    @BeforeEach
    void network() {
        lab = DirectorLab.create("10.77.0.10");
        lab.addServer("rs1", "10.77.2.11", 80);
        lab.addServer("rs2", "10.77.2.12", 80);
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    @Test
    void aSecondDaemonAndApplyStandBackAndReloadReportsABadFile() throws IOException {
        String daemon = lab.daemonSection("1s");
        lab.writeConfig(daemon + SERVICE.formatted(""));
        IpvsdProcess first = lab.startDaemon();
        lab.awaitRules(DirectorLab.START_TIMEOUT, "first start", GOOD);

        Path secondLog = Files.createTempFile("ipvsd-second", ".log");
        IpvsdProcess second = IpvsdProcess.start(lab.director().name(), lab.configFile(), secondLog);
        assertEquals(1, second.awaitExit(DirectorLab.START_TIMEOUT, "start beside a running daemon"), second.log());
        assertTrue(second.log().contains("ipvsd: another ipvsd is running with state_dir " + lab.stateDir() + " (pid "
                + first.pid() + "); not started\n"), second.log());
        assertFalse(second.log().contains("Exception"), second.log());
        DirectorLab.CliRun status = lab.ipvsctl("status", "--socket", lab.controlSocket().toString());
        assertEquals(0, status.exitCode(), status + lab.context());
        assertTrue(status.stdout().contains("(generation 1)"), status.stdout());
        assertTrue(first.alive(), lab::context);

        DirectorLab.CliRun apply = lab.ipvsctl("apply", lab.configFile().toString());
        assertEquals(1, apply.exitCode(), apply.toString());
        assertEquals("ipvsctl: ipvsd (pid " + first.pid() + ") is running with state_dir " + lab.stateDir()
                + "; not applying beside it. Let the daemon apply the file: put it where ipvsd reads its config and"
                + " run `ipvsctl reload` (or send it SIGHUP)\n", apply.stderr());

        lab.writeConfig(daemon + SERVICE.formatted("scheduler_flags = [\"nope\"]\nwieght = 1"));
        DirectorLab.CliRun reload = lab.ipvsctl("reload", "--socket", lab.controlSocket().toString());
        assertEquals(1, reload.exitCode(), reload.toString());
        List<String> lines = reload.stderr().lines().toList();
        assertTrue(lines.size() >= 3, reload.toString());
        for (String error : lines.subList(0, lines.size() - 1)) {
            assertTrue(error.matches(java.util.regex.Pattern.quote(lab.configFile().toString()) + ":\\d+:\\d+: .+"), error);
        }
        assertTrue(reload.stderr().contains("service.wieght: unknown key"), reload.toString());
        assertTrue(lines.get(lines.size() - 1).endsWith("errors; the daemon keeps its running configuration"), reload.toString());
        Await.holds(Duration.ofSeconds(3), "the kernel keeps the running state", lab::ipvsadmRules, GOOD::equals, lab::context);

        lab.writeConfig(daemon + SERVICE.formatted("").replace("\"rr\"", "\"wlc\""));
        reload = lab.ipvsctl("reload", "--socket", lab.controlSocket().toString());
        assertEquals(0, reload.exitCode(), reload.toString());
        assertTrue(reload.stdout().matches("accepted, generation \\d+\n"), reload.toString());
        lab.awaitRules(TICKS, "the reloaded file applied", Set.of("-A -t 10.77.0.10:80 -s wlc",
                "-a -t 10.77.0.10:80 -r 10.77.2.11:80 -m -w 1", "-a -t 10.77.0.10:80 -r 10.77.2.12:80 -m -w 1"));
    }

    @Test
    void notifyCommandsOutliveATouchOfTheFileAndArriveInOrder() throws IOException {
        Path out = Files.createTempFile("ipvsd-notify", ".out");
        String notify = "notify = [\"sh\", \"-c\", \"echo start $IPVSD_EVENT $IPVSD_RS_ADDR >> " + out
                + "; sleep 3; echo done $IPVSD_EVENT $IPVSD_RS_ADDR >> " + out + "\"]\n"
                + "health_check = { type = \"tcp\", interval = \"1s\", timeout = \"1s\", fall = 1, rise = 1 }";
        lab.writeConfig(lab.daemonSection("1s") + SERVICE.formatted(notify));
        lab.startDaemon();
        lab.awaitRules(DirectorLab.START_TIMEOUT, "first start", GOOD);

        // A burst: rs1 down, rs2 down, rs1 up; each command takes 3 s, so the later ones wait queued.
        lab.server("rs1").stop();
        Await.until(TICKS, "the first command runs", () -> read(out), text -> text.startsWith("start rs_down 10.77.2.11"),
                lab::context);
        lab.server("rs2").stop();
        Await.until(TICKS, "rs2 down seen", lab::ipvsadmRules, rules -> rules.equals(Set.of("-A -t 10.77.0.10:80 -s rr")),
                lab::context);
        lab.server("rs1").start();
        Await.until(TICKS, "rs1 up seen", lab::ipvsadmRules,
                rules -> rules.contains("-a -t 10.77.0.10:80 -r 10.77.2.11:80 -m -w 1"), lab::context);

        Files.setLastModifiedTime(lab.configFile(), FileTime.from(Instant.now()));
        Await.until(TICKS, "the touched file reloaded", () -> lab.ipvsctl("status", "--socket", lab.controlSocket().toString()),
                s -> s.stdout().contains("(generation 2)"), lab::context);
        assertTrue(read(out).lines().count() < 6, "the reload came after every command had run: " + read(out));

        String all = Await.until(Duration.ofSeconds(30), "three events, each run to its end", () -> read(out),
                text -> text.lines().count() >= 6, lab::context);
        assertEquals(List.of("start rs_down 10.77.2.11", "done rs_down 10.77.2.11", "start rs_down 10.77.2.12",
                "done rs_down 10.77.2.12", "start rs_up 10.77.2.11", "done rs_up 10.77.2.11"), all.lines().toList());
        assertFalse(lab.daemon().log().contains("killed"), lab::context);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
