package io.ipvsd.kerneltest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("kernel")
class FreshNetnsTest {

    @RegisterExtension
    final FreshNetns netns = new FreshNetns();

    @Test
    void commandsRunInsideTheNamespaceWithOnlyLoopbackUp() throws IOException {
        String inside = netns.exec("readlink", "/proc/self/ns/net").assertSuccess().stdout().strip();
        String links = netns.exec("ip", "-o", "link", "show").assertSuccess().stdout();

        assertTrue(Files.exists(netns.path()), netns.path().toString());
        assertTrue(netns.name().startsWith("ipvsd-kt-"), netns.name());
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString(), inside);
        assertEquals(1, links.lines().count(), links);
        assertTrue(links.contains("lo: <LOOPBACK,UP,LOWER_UP>"), links);
    }

    @Test
    void execReportsExitCodeAndBothStreams() {
        ExecResult result = netns.exec(Duration.ofSeconds(30), "sh", "-c", "echo out; echo err >&2; exit 7");

        assertEquals(7, result.exitCode());
        assertEquals("out\n", result.stdout());
        assertEquals("err\n", result.stderr());
    }
}
