package io.ipvsd.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlSocketTest {

    @Test
    void answersOneRequestLineAndIsRootOnly(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("run/ipvsd.sock");
        try (ControlServer server = new ControlServer(sock, req -> "{\"echo\":\"" + req + "\"}")) {
            assertEquals("{\"echo\":\"status\"}", ControlClient.request(sock, "status", 2_000));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock.getParent())));
        }
        assertFalse(Files.exists(sock));
    }

    @Test
    void aSilentClientDoesNotBlockOthers(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ipvsd.sock");
        try (ControlServer server = new ControlServer(sock, req -> "ok");
             SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.connect(UnixDomainSocketAddress.of(sock));
            assertEquals("ok", ControlClient.request(sock, "status", 2_000));
        }
    }

    @Test
    void aStaleSocketFileIsReplaced(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ipvsd.sock");
        Files.writeString(sock, "left over");
        try (ControlServer server = new ControlServer(sock, req -> "fresh")) {
            assertEquals("fresh", ControlClient.request(sock, "x", 2_000));
        }
    }

    @Test
    void aSocketWhoseModeCannotBeSetIsNotLeftBehind(@TempDir Path dir) {
        Path sock = dir.resolve("ipvsd.sock");
        IOException e = assertThrows(IOException.class, () -> new ControlServer(sock, req -> "open to all",
                socket -> {
                    throw new IOException("chmod refused");
                }));
        assertEquals("chmod refused", e.getMessage());
        assertFalse(Files.exists(sock), "a socket file nobody restricted is left behind");
    }

    @Test
    void aSlowAnswerIsStillDelivered(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ipvsd.sock");
        // A reload waits for the daemon's pass: the client deadline must not cut its answer off.
        try (ControlServer server = new ControlServer(sock, req -> {
            try {
                Thread.sleep(5_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "accepted";
        })) {
            assertEquals("accepted", ControlClient.request(sock, "reload", 10_000));
        }
    }

    @Test
    void noDaemonIsAClearError(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> ControlClient.request(dir.resolve("none.sock"), "status", 500));
        assertTrue(e.getMessage() != null);
    }
}
