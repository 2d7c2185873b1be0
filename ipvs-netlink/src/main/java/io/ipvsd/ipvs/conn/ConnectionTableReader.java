package io.ipvsd.ipvs.conn;

import io.ipvsd.netlink.jnr.Netns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the IPVS connection table of this network namespace or of another one. A missing table
 * file (IPVS not loaded) surfaces as {@link NoSuchFileException} on {@link #PROC_FILE}.
 */
public final class ConnectionTableReader {
    public static final Path PROC_FILE = Path.of("/proc/net/ip_vs_conn");
    /** The calling thread's view: /proc/net follows the thread group leader's namespace, this the thread's. */
    private static final Path THREAD_PROC_FILE = Path.of("/proc/thread-self/net/ip_vs_conn");

    private ConnectionTableReader() {
    }

    public static List<IpvsConnection> read() throws IOException {
        return ConnectionTableParser.parse(readText(PROC_FILE));
    }

    /** Reads the table of the network namespace at {@code netnsPath} (e.g. /run/netns/NAME). */
    public static List<IpvsConnection> readIn(Path netnsPath) throws IOException {
        return ConnectionTableParser.parse(Netns.callIn(netnsPath, () -> {
            try {
                return readText(THREAD_PROC_FILE);
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(PROC_FILE.toString(), null, "in " + netnsPath);
            }
        }));
    }

    /** Latin-1 maps every byte, so odd bytes in PE data cannot make the read fail. */
    private static String readText(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
