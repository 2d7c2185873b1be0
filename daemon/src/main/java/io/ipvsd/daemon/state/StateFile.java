package io.ipvsd.daemon.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.ServiceKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ownership record on disk (JSON). Written atomically: a temporary file is written and
 * fsynced, renamed over the old one, and the directory fsynced, so a crash leaves either the old
 * or the new record, never a torn one.
 */
public final class StateFile {
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;
    /**
     * The version of the file last read or written here, and its record: every pass asks for the
     * record, and at 10,000 services parsing it again each time was a good part of an idle pass.
     */
    private Version cachedVersion;
    private OwnedState cached;

    /** What tells one version of the file from another (an atomic save is a new inode). */
    private record Version(Object fileKey, long size, long modifiedMillis) {
        static Version of(Path p) throws IOException {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new Version(a.fileKey(), a.size(), a.lastModifiedTime().toMillis());
        }
    }

    public StateFile(Path stateDir) {
        this.path = stateDir.resolve("state.json");
    }

    public Path path() {
        return path;
    }

    /** The saved record, or {@link OwnedState#EMPTY} when there is none yet. */
    public synchronized OwnedState load() throws IOException {
        Version version;
        byte[] bytes;
        try {
            version = Version.of(path); // before the read: a change after it is seen next time
            if (version.equals(cachedVersion)) {
                return cached;
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return OwnedState.EMPTY;
        }
        Doc doc;
        try {
            doc = JSON.readValue(bytes, Doc.class);
        } catch (JsonProcessingException e) {
            throw new IOException(path + ": not a valid ipvsd state file: " + e.getOriginalMessage(), e);
        }
        if (doc.format != FORMAT) {
            throw new IOException(path + ": state file format " + doc.format + " is not " + FORMAT);
        }
        try {
            Set<ServiceKey> services = new HashSet<>();
            for (Key k : doc.services) {
                services.add(k.toServiceKey());
            }
            Map<OwnedState.Draining, Instant> draining = new HashMap<>();
            for (Drain d : doc.draining) {
                draining.put(new OwnedState.Draining(d.service.toServiceKey(),
                        new DestinationKey(Endpoints.parseAddress(d.address), d.port)), Instant.parse(d.since));
            }
            OwnedState state = new OwnedState(services, draining);
            cachedVersion = version;
            cached = state;
            return state;
        } catch (RuntimeException e) {
            throw new IOException(path + ": bad entry in state file: " + e.getMessage(), e);
        }
    }

    public synchronized void save(OwnedState state) throws IOException {
        Doc doc = new Doc();
        doc.format = FORMAT;
        // In the order of their text, each text made once: a comparator that formatted both keys
        // made 2 n log n texts, some 270,000 per save at 10,000 services.
        TreeMap<String, Key> services = new TreeMap<>();
        state.services().forEach(k -> services.put(k.toString(), Key.of(k)));
        doc.services.addAll(services.values());
        TreeMap<String, Drain> draining = new TreeMap<>();
        state.draining().forEach((d, since) -> {
            Drain x = new Drain();
            x.service = Key.of(d.service());
            x.address = Endpoints.address(d.destination().address());
            x.port = d.destination().port();
            x.since = since.toString();
            draining.put(d.service() + " " + d.destination(), x);
        });
        doc.draining.addAll(draining.values());
        writeAtomically(JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8));
        cachedVersion = Version.of(path);
        cached = state;
    }

    private void writeAtomically(byte[] content) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(path.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + path + " atomically", e);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** JSON shape: {"format":1,"services":[{"protocol":"TCP","address":"192.0.2.1","port":80}|{"fwmark":1,"family":"IPv4"}],"draining":[...]} */
    static final class Doc {
        public int format;
        public List<Key> services = new ArrayList<>();
        public List<Drain> draining = new ArrayList<>();
    }

    static final class Drain {
        public Key service;
        public String address;
        public int port;
        public String since;
    }

    static final class Key {
        public String protocol;
        public String address;
        public Integer port;
        public Long fwmark;
        public String family;

        static Key of(ServiceKey key) {
            Key k = new Key();
            if (key instanceof AddressServiceKey a) {
                k.protocol = a.protocol().name();
                k.address = Endpoints.address(a.address());
                k.port = a.port();
            } else {
                FwmarkServiceKey f = (FwmarkServiceKey) key;
                k.fwmark = f.fwmark();
                k.family = f.family().label();
            }
            return k;
        }

        ServiceKey toServiceKey() {
            if (fwmark != null) {
                return new FwmarkServiceKey("IPv6".equals(family) ? AddressFamily.INET6 : AddressFamily.INET, fwmark);
            }
            return new AddressServiceKey(Protocol.valueOf(protocol), Endpoints.parseAddress(address), port);
        }
    }
}
