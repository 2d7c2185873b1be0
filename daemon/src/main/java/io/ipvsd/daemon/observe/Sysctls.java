package io.ipvsd.daemon.observe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes sysctls through /proc/sys. The network ones are per network namespace: the
 * values are those of the namespace this process runs in.
 */
public final class Sysctls {
    private final Path root;

    public Sysctls(Path root) {
        this.root = root;
    }

    public static Sysctls proc() {
        return new Sysctls(Path.of("/proc/sys"));
    }

    /** The current values of the named sysctls; a missing one (module not loaded) is left out. */
    public Map<String, String> read(Iterable<String> names) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String name : names) {
            try {
                out.put(name, Files.readString(path(name), StandardCharsets.US_ASCII).trim());
            } catch (NoSuchFileException e) {
                // reported as "?" in the plan; the write will say why it fails
            }
        }
        return out;
    }

    public void write(String name, String value) throws IOException {
        Path p = path(name);
        if (!Files.exists(p)) {
            throw new IOException("sysctl " + name + " does not exist (" + p + ")");
        }
        Files.writeString(p, value + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** net.ipv4.vs.conntrack -> ROOT/net/ipv4/vs/conntrack. Names were validated by the config. */
    private Path path(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("..") || name.startsWith(".") || name.endsWith(".")) {
            throw new IllegalArgumentException("not a sysctl name: " + name);
        }
        return root.resolve(name.replace('.', '/'));
    }
}
