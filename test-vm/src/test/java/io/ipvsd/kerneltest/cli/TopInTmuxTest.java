package io.ipvsd.kerneltest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.kerneltest.ExecResult;
import io.ipvsd.kerneltest.FreshNetns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ipvsctl top} in a real terminal: tmux runs it in a pane against a table made with
 * ipvsadm; the test reads the pane, shrinks the window, presses q, and checks the exit status
 * and that the terminal's settings (stty -g) are what they were before.
 */
@Tag("kernel")
class TopInTmuxTest {
    private static final String SOCKET = "ipvsd-kt-top-" + ProcessHandle.current().pid();
    // A second JVM starting under emulation on a loaded host: the first run waited 90 s and saw a blank pane.
    private static final Duration WAIT = Duration.ofSeconds(300);

    @RegisterExtension
    final FreshNetns netns = new FreshNetns();

    @AfterEach
    void killServer() {
        ExecResult.run(Duration.ofSeconds(10), List.of("tmux", "-L", SOCKET, "kill-server"));
    }

    @Test
    void refreshesFitsAResizeAndQuitsRestoringTheTerminal() throws Exception {
        netns.exec("ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1").assertSuccess();
        netns.exec("ip", "link", "set", "v0", "up").assertSuccess();
        netns.exec("ip", "route", "add", "default", "dev", "v0").assertSuccess();
        netns.exec("ipvsadm", "-A", "-t", "10.0.0.1:80", "-s", "rr").assertSuccess();
        for (int i = 1; i <= 12; i++) {
            netns.exec("ipvsadm", "-a", "-t", "10.0.0.1:80", "-r", "10.0.1." + i + ":80", "-m").assertSuccess();
        }
        Path dir = Files.createTempDirectory("top-tmux");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String top = java + " -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path")
                + "' io.ipvsd.cli.Ipvsctl top --interval 0.5 --socket " + dir.resolve("no-daemon.sock")
                + " --netns " + netns.name();
        String script = "stty -g > " + dir.resolve("before") + "; " + top + "; echo $? > " + dir.resolve("exit")
                + "; stty -g > " + dir.resolve("after") + "; sleep 600";
        tmux("new-session", "-d", "-x", "120", "-y", "30", "sh", "-c", script);

        String wide = waitForPane(p -> p.contains("-> 10.0.1.12:80"), "all 12 real servers in a 120x30 pane");
        assertTrue(wide.contains("TCP   10.0.0.1:80"), wide);
        assertTrue(wide.lines().anyMatch(l -> l.startsWith("ipvsctl top")), wide);

        tmux("resize-window", "-t", "0", "-x", "50", "-y", "8");
        String small = waitForPane(p -> p.contains("more rows"), "the screen cut to the 50x8 window");
        List<String> lines = small.lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.length() <= 50), small);
        // The rows shown and the rows counted as cut are the 12 real servers, whichever are shown.
        long shown = lines.stream().filter(l -> l.contains("-> 10.0.1.")).count();
        Matcher cut = Pattern.compile("\\.\\.\\. (\\d+) more rows").matcher(small);
        assertTrue(cut.find(), small);
        assertTrue(shown > 0 && shown < 12, small);
        assertEquals(12, shown + Long.parseLong(cut.group(1)), small);

        tmux("send-keys", "-t", "0", "q");
        Path exit = dir.resolve("exit");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(Files.exists(dir.resolve("after")) && Files.size(dir.resolve("after")) > 0) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("0", Files.readString(exit).strip(), "exit status after q");
        assertEquals(Files.readString(dir.resolve("before")), Files.readString(dir.resolve("after")), "stty -g before and after");
        String after = pane();
        assertTrue(!after.contains("ipvsctl top"), "the alternate screen was left:\n" + after);
    }

    private String waitForPane(Predicate<String> ready, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = pane();
            if (ready.test(last)) {
                return last;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("waited " + WAIT + " for " + what + "; the pane shows:\n" + last);
    }

    private String pane() {
        return tmux("capture-pane", "-p", "-t", "0").stdout();
    }

    private ExecResult tmux(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("tmux", "-L", SOCKET));
        command.addAll(List.of(args));
        return ExecResult.run(Duration.ofSeconds(30), command).assertSuccess();
    }
}
