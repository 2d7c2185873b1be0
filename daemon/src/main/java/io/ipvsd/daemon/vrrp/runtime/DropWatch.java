package io.ipvsd.daemon.vrrp.runtime;

import io.ipvsd.daemon.vrrp.DropReason;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts an instance's dropped adverts by reason, decides which drops are worth a log line, and
 * recognises the split brain keepalived leaves to the operator to discover: another node that
 * keeps advertising this VRID with adverts this node drops (a password or interval mismatch)
 * makes both nodes master, because a dropped advert never resets the master-down timer. One
 * advert that disagrees with this node's settings is enough evidence (keepalived 2.2.7 as a master
 * may send a single one: this node's more frequent adverts keep postponing its own); damage or
 * noise (checksum, TTL, malformed) must repeat before it counts.
 */
final class DropWatch {
    /** Drops for noise from one source within this window, at least {@link #PERSISTENT} of them, make a warning. */
    private static final long WINDOW_NANOS = 10_000_000_000L;
    private static final int PERSISTENT = 3;
    /** A settings mismatch stays a warning this long after the last advert that showed it. */
    private static final long MISMATCH_SHOWN_NANOS = 60_000_000_000L;
    private static final Set<DropReason> MISMATCHES = EnumSet.of(DropReason.WRONG_VERSION, DropReason.AUTH_TYPE,
            DropReason.AUTH_PASSWORD, DropReason.INTERVAL, DropReason.ADDRESS_COUNT, DropReason.ADDRESS_LIST,
            DropReason.NOT_A_PEER, DropReason.EXPECTED_UNICAST);
    /** A reason from one source is logged at most once in this interval (keepalived logs every one). */
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    private record Key(InetAddress source, DropReason reason) {
    }

    private static final class Track {
        long windowStart;
        int inWindow;
        long lastSeen;
        long lastLogged = Long.MIN_VALUE;
    }

    private final Map<DropReason, Long> counts = new EnumMap<>(DropReason.class);
    private final Map<Key, Track> tracks = new HashMap<>();

    /**
     * Records one drop.
     *
     * @return true when this drop should be logged
     */
    boolean dropped(InetAddress source, DropReason reason, long now) {
        counts.merge(reason, 1L, Long::sum);
        if (source == null) {
            return false;
        }
        Track t = tracks.computeIfAbsent(new Key(source, reason), k -> new Track());
        if (now - t.windowStart > WINDOW_NANOS) {
            t.windowStart = now;
            t.inWindow = 0;
        }
        t.inWindow++;
        t.lastSeen = now;
        if (t.lastLogged == Long.MIN_VALUE || now - t.lastLogged >= LOG_EVERY_NANOS) {
            t.lastLogged = now;
            return true;
        }
        return false;
    }

    Map<DropReason, Long> counts() {
        return Map.copyOf(counts);
    }

    /** The sources that keep sending adverts this node drops, each as one warning line. */
    List<String> warnings(int vrid, String dev, long now) {
        List<String> out = new ArrayList<>();
        tracks.entrySet().removeIf(e -> now - e.getValue().lastSeen > MISMATCH_SHOWN_NANOS);
        tracks.forEach((key, t) -> {
            boolean mismatch = MISMATCHES.contains(key.reason());
            boolean noise = key.reason() != DropReason.MALFORMED && t.inWindow >= PERSISTENT
                    && now - t.lastSeen <= WINDOW_NANOS;
            if (mismatch || noise) {
                out.add(key.source().getHostAddress() + " advertises VRID " + vrid + " on " + dev
                        + " with adverts this node drops (" + key.reason().name().toLowerCase(java.util.Locale.ROOT)
                        + "): both nodes may be master");
            }
        });
        out.sort(null);
        return out;
    }
}
