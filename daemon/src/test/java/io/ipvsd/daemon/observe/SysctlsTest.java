package io.ipvsd.daemon.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysctlsTest {

    @Test
    void readsAndWritesByDottedName(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("net/ipv4/vs"));
        Files.writeString(root.resolve("net/ipv4/ip_forward"), "0\n");
        Files.writeString(root.resolve("net/ipv4/vs/conntrack"), "0\n");
        Sysctls s = new Sysctls(root);
        assertEquals(Map.of("net.ipv4.ip_forward", "0"), s.read(List.of("net.ipv4.ip_forward", "net.ipv4.nope")));
        s.write("net.ipv4.vs.conntrack", "1");
        assertEquals("1\n", Files.readString(root.resolve("net/ipv4/vs/conntrack")));
    }

    @Test
    void writingAMissingSysctlSaysWhich(@TempDir Path root) {
        IOException e = assertThrows(IOException.class, () -> new Sysctls(root).write("net.ipv4.vs.conntrack", "1"));
        assertEquals("sysctl net.ipv4.vs.conntrack does not exist (" + root + "/net/ipv4/vs/conntrack)", e.getMessage());
    }

    @Test
    void pathTricksAreRefused(@TempDir Path root) {
        assertThrows(IllegalArgumentException.class, () -> new Sysctls(root).write("../etc/passwd", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Sysctls(root).write("net/ipv4", "x"));
    }

    @Test
    void readsTheRealProcOnThisMachine() throws Exception {
        String v = Sysctls.proc().read(List.of("net.ipv4.ip_forward")).get("net.ipv4.ip_forward");
        assertEquals(true, v.equals("0") || v.equals("1"), v);
    }
}
