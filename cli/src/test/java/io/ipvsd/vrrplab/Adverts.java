package io.ipvsd.vrrplab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The adverts on the wire, as an observer node sees them: tcpdump -tt on its ens192 (multicast
 * adverts are flooded to every bridge port; unicast ones are not, so use this in multicast scenarios).
 * tcpdump's wall-clock times are converted to System.nanoTime() to compare with kill times.
 */
final class Adverts {
    /** tcpdump -n -tt without -v: "1700000000.123456 IP 192.0.2.21 > 224.0.0.18: VRRPv2, Advertisement, vrid 98, prio 100, ..." */
    private static final Pattern LINE = Pattern.compile(
            "^(\\d+)\\.(\\d{6}) IP (\\S+) > (\\S+): VRRPv(\\d), Advertisement, vrid (\\d+), prio (\\d+)");

    record Advert(long nanos, String source, String destination, int version, int vrid, int priority) {
    }

    private final Path text;
    private final long epochMinusNanoTime;

    private Adverts(Path text, long epochMinusNanoTime) {
        this.text = text;
        this.epochMinusNanoTime = epochMinusNanoTime;
    }

    /** Starts tcpdump in node {@code observer}'s namespace and waits until it listens. */
    static Adverts capture(Lab lab, int observer) {
        Path text = lab.logDir().resolve("adverts-tcpdump.txt");
        Instant now = Instant.now();
        long offset = now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
        Process p = lab.start(List.of("ip", "netns", "exec", lab.netns(observer), "tcpdump", "-i", Lab.LAN_INTERFACE, "-n",
                "-tt", "-l", "ip proto 112"), text);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!Shell.logContains(text, "listening on")) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("tcpdump did not start listening:\n" + Shell.tail(text, 10));
            }
            pause();
        }
        return new Adverts(text, offset);
    }

    List<Advert> all() {
        List<Advert> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(text)) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    long epochNanos = Long.parseLong(m.group(1)) * 1_000_000_000L + Long.parseLong(m.group(2)) * 1_000L;
                    out.add(new Advert(epochNanos - epochMinusNanoTime, m.group(3), m.group(4), Integer.parseInt(m.group(5)),
                            Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Waits for the first advert after {@code sinceNanos} that matches. */
    Advert await(String what, long sinceNanos, Duration timeout, Predicate<Advert> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Optional<Advert> hit = all().stream().filter(a -> a.nanos() >= sinceNanos).filter(condition).findFirst();
            if (hit.isPresent()) {
                return hit.get();
            }
            pause();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no advert on the wire within " + timeout.toMillis() + " ms: " + what + "\nlast adverts:\n"
                + Shell.tail(text, 15));
    }

    /**
     * Waits until the wire shows an advert from {@code source} for {@code vrid} in the last 1.5 s, so
     * that an event that follows (a kill) has a last advert before it to be timed from.
     */
    void awaitRecentFrom(String source, int vrid) {
        await("an advert from " + source + " vrid " + vrid, System.nanoTime() - 1_500_000_000L, Duration.ofSeconds(3),
                a -> a.source().equals(source) && a.vrid() == vrid);
    }

    /** The last advert from {@code source} for {@code vrid} sent before {@code nanos}. */
    Advert lastBefore(long nanos, String source, int vrid) {
        return all().stream().filter(a -> a.nanos() < nanos && a.source().equals(source) && a.vrid() == vrid)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no advert from " + source + " vrid " + vrid + " before the event:\n"
                        + Shell.tail(text, 15)));
    }

    /** Seconds between consecutive adverts from {@code source} for {@code vrid}. */
    List<Double> gaps(String source, int vrid) {
        List<Advert> from = all().stream().filter(a -> a.source().equals(source) && a.vrid() == vrid).toList();
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < from.size(); i++) {
            gaps.add((from.get(i).nanos() - from.get(i - 1).nanos()) / 1e9);
        }
        return gaps;
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
