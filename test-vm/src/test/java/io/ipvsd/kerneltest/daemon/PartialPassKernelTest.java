package io.ipvsd.kerneltest.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code [daemon] real_servers_per_pass} on the real kernel: with a share smaller than the table,
 * an idle pass reads the real servers of only some services, yet drift on any real server is
 * healed within a cycle of the share, a draining real server's service is read every pass (so it
 * is deleted as soon as its connections end), and a reload writes from a fresh reading of the
 * service it changes.
 *
 * <p>8 services x 2 real servers, a share of 2: an idle pass reads one service's real servers
 * (2 of 16), so a change made behind ipvsd's back is found within 8 passes.
 */
@Tag("kernel")
class PartialPassKernelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SERVICES = 8;
    private static final String[] REALS = {"10.77.2.11", "10.77.2.12"};
    private static final int TOTAL = SERVICES * REALS.length;
    private static final int SHARE = 2;
    private static final long INTERVAL_S = 1;
    /** Services whose real servers an idle pass reads: the share, in whole services. */
    private static final int SERVICES_PER_PASS = Math.max(1, SHARE / REALS.length);
    /** Passes until every service has been read once more: a full cycle of the share. */
    private static final int CYCLE_PASSES = (SERVICES + SERVICES_PER_PASS - 1) / SERVICES_PER_PASS;
    /**
     * A cycle and one pass more, each an interval plus the pass's own time (a pass is due an
     * interval after the last one ended; under emulation an idle pass of this table has taken
     * 0.1-0.4 s), plus room for a JVM on an emulated CPU that shares a busy host (as
     * DriftKernelTest's HEAL).
     */
    private static final Duration HEAL_ALL = Duration.ofMillis((CYCLE_PASSES + 1) * (INTERVAL_S * 1000 + 500) + 8_000);
    /** Two intervals plus slack: what a change the daemon must see at once gets (as DriftKernelTest's HEAL). */
    private static final Duration PROMPT = Duration.ofSeconds(2 * INTERVAL_S + 8);
    /** Passes looked at in the status for each claim about what passes read. */
    private static final int PASSES_SEEN = 3;

    private DirectorLab lab;

    @BeforeEach
    void network() {
        String[] vips = new String[SERVICES];
        for (int i = 0; i < SERVICES; i++) {
            vips[i] = vip(i);
        }
        lab = DirectorLab.create(vips);
        lab.addServer("rs1", REALS[0], 80);
        lab.addServer("rs2", REALS[1], 80);
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    private static String vip(int service) {
        return "10.77.0." + (10 + service);
    }

    private static String key(int service) {
        return "-t " + vip(service) + ":80";
    }

    /** Real servers of every service to their weight in the file; all are 1 at first. */
    private static Map<Integer, Map<String, Integer>> allWeightsOne() {
        Map<Integer, Map<String, Integer>> w = new TreeMap<>();
        for (int i = 0; i < SERVICES; i++) {
            Map<String, Integer> reals = new LinkedHashMap<>();
            for (String r : REALS) {
                reals.put(r, 1);
            }
            w.put(i, reals);
        }
        return w;
    }

    private String config(Map<Integer, Map<String, Integer>> weights) {
        StringBuilder s = new StringBuilder(lab.daemonSection(INTERVAL_S + "s"))
                .append("real_servers_per_pass = ").append(SHARE).append('\n')
                .append("drain_timeout = \"300s\"\n")
                .append("[sysctl]\n\"net.ipv4.ip_forward\" = 1\n");
        weights.forEach((i, reals) -> {
            s.append("[[service]]\nname = \"s").append(i).append("\"\nprotocol = \"tcp\"\naddress = \"").append(vip(i))
                    .append("\"\nport = 80\nscheduler = \"rr\"\n");
            reals.forEach((r, w) -> s.append("  [[service.real]]\n  address = \"").append(r)
                    .append("\"\n  method = \"nat\"\n  weight = ").append(w).append('\n'));
        });
        return s.toString();
    }

    /** {@code ipvsadm -Sn} for these weights (a real server of weight 0 is one draining). */
    private static Set<String> rules(Map<Integer, Map<String, Integer>> weights) {
        Set<String> out = new TreeSet<>();
        weights.forEach((i, reals) -> {
            out.add("-A " + key(i) + " -s rr");
            reals.forEach((r, w) -> out.add("-a " + key(i) + " -r " + r + ":80 -m -w " + w));
        });
        return out;
    }

    private JsonNode status() {
        DirectorLab.CliRun run = lab.ipvsctl("status", "--json", "--socket", lab.controlSocket().toString());
        assertEquals(0, run.exitCode(), "ipvsctl status --json: " + run);
        try {
            return JSON.readTree(run.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException("ipvsctl status --json is no JSON:\n" + run.stdout(), e);
        }
    }

    /**
     * The last_tick of {@code n} passes that follow an idle pass (one that planned nothing) ending
     * from now on, as the status shows them: after the idle pass, no service is left unread
     * because ipvsd wrote to it, so these passes read what the share and the draining real servers
     * ask for. They are told apart by their start; the status is looked at often enough to see
     * most passes (one is due an interval after the last ended), and a pass missed is no matter.
     */
    private List<JsonNode> passesAfterAnIdleOne(int n, String what) {
        String before = status().path("last_tick").path("started").asText();
        Map<String, JsonNode> byStart = new LinkedHashMap<>();
        List<JsonNode> after = new ArrayList<>();
        boolean[] idleSeen = {false};
        Await.until(Duration.ofSeconds((n + 2) * (INTERVAL_S + 1) + 8), "an idle pass and " + n + " more (" + what + ")", () -> {
            JsonNode t = status().path("last_tick");
            String started = t.path("started").asText();
            if (!started.isEmpty() && !started.equals(before) && byStart.putIfAbsent(started, t) == null) {
                if (idleSeen[0]) {
                    after.add(t);
                }
                idleSeen[0] |= t.path("planned").asInt(-1) == 0;
            }
            return after.size();
        }, k -> k >= n, () -> "passes seen: " + byStart.values() + "\n" + lab.context());
        return after.subList(0, n);
    }

    @Test
    void aShareOfTheRealServersPerPassStillHealsDrainsAndReloads() {
        long testStart = System.nanoTime();
        Map<Integer, Map<String, Integer>> weights = allWeightsOne();
        lab.writeConfig(config(weights));
        lab.startDaemon();
        long t0 = System.nanoTime();
        lab.awaitRules(DirectorLab.START_TIMEOUT, "first start: 8 services x 2 real servers", rules(weights));
        Timing.log("first start (8 x 2)", t0);

        // 1. Idle passes read part of the real servers, and say how old the oldest reading kept is.
        List<JsonNode> idle = passesAfterAnIdleOne(PASSES_SEEN, "idle");
        System.out.println("  [info] idle passes: real_servers_read " + idle.stream().map(t -> t.path("real_servers_read").asText()).toList()
                + " of " + TOTAL + ", duration_ms " + idle.stream().map(t -> t.path("duration_ms").asText()).toList());
        for (JsonNode tick : idle) {
            int read = tick.path("real_servers_read").asInt(-1);
            assertTrue(read > 0 && read < TOTAL, "an idle pass with real_servers_per_pass = " + SHARE
                    + " reads some but not all of the " + TOTAL + " real servers; last_tick: " + tick);
            assertEquals(0, tick.path("planned").asInt(-1), "an idle pass plans nothing; last_tick: " + tick);
            assertTrue(tick.hasNonNull("oldest_real_server_reading"),
                    "a pass that kept earlier readings says when the oldest was made; last_tick: " + tick);
            Instant oldest = Instant.parse(tick.path("oldest_real_server_reading").asText());
            Instant started = Instant.parse(tick.path("started").asText());
            assertTrue(oldest.isBefore(started), "the oldest reading kept (" + oldest
                    + ") is from an earlier pass than this one (started " + started + "); last_tick: " + tick);
        }

        // 2. Drift on a real server of every service at once: each is put back within a cycle of the share.
        StringBuilder drift = new StringBuilder("set -e\n");
        for (int i = 0; i < SERVICES; i++) {
            drift.append("ipvsadm -e ").append(key(i)).append(" -r ").append(REALS[1]).append(":80 -m -w 5\n");
        }
        lab.inDirector("sh", "-c", drift.toString());
        long driftStart = System.nanoTime();
        Map<Integer, Long> healedAfterMs = new TreeMap<>();
        Await.until(HEAL_ALL, "every service's edited weight (" + REALS[1] + " -w 5) put back to 1 within "
                + CYCLE_PASSES + " passes of the share", () -> {
                    long ms = (System.nanoTime() - driftStart) / 1_000_000;
                    Set<String> now = lab.ipvsadmRules();
                    for (int i = 0; i < SERVICES; i++) {
                        if (now.contains("-a " + key(i) + " -r " + REALS[1] + ":80 -m -w 1")) {
                            healedAfterMs.putIfAbsent(i, ms);
                        }
                    }
                    return now;
                }, rules(weights)::equals, () -> "healed so far (service: ms after the edit): " + healedAfterMs
                        + "\n" + lab.context());
        Timing.log("healed: a weight edited in each of " + SERVICES + " services, all put back (bound "
                + HEAL_ALL.toMillis() + " ms)", driftStart);
        System.out.println("  [timing] healed: ms after the edit, by service: " + healedAfterMs);

        // 3. A draining real server's service is read every pass, beyond the share: deleted once its connection ends.
        String busy;
        String other;
        try (DirectorLab.HeldConnection open = lab.hold(vip(0), 80)) {
            Map<String, Integer> active = Await.until(Duration.ofSeconds(10), "one active connection to " + vip(0),
                    () -> lab.activeConnections(vip(0), 80), a -> a.values().stream().mapToInt(x -> x).sum() == 1,
                    lab::context);
            String busyTarget = active.entrySet().stream().filter(e -> e.getValue() == 1).findFirst().orElseThrow().getKey();
            busy = busyTarget.substring(0, busyTarget.indexOf(':'));
            other = busy.equals(REALS[0]) ? REALS[1] : REALS[0];

            weights.get(0).remove(busy);
            lab.writeConfig(config(weights));
            t0 = System.nanoTime();
            Map<Integer, Map<String, Integer>> draining = copy(weights);
            draining.get(0).put(busy, 0);
            lab.awaitRules(PROMPT, "the real server " + busy + " removed from s0 with an open connection is quiesced (weight 0)",
                    rules(draining));
            Timing.log("drain: weight 0 after the file changed", t0);

            List<JsonNode> whileDraining = passesAfterAnIdleOne(PASSES_SEEN, "one real server draining");
            System.out.println("  [info] passes while " + busy + " drains: real_servers_read "
                    + whileDraining.stream().map(t -> t.path("real_servers_read").asText()).toList());
            for (JsonNode tick : whileDraining) {
                int read = tick.path("real_servers_read").asInt(-1);
                assertTrue(read >= SHARE + REALS.length && read < TOTAL, "while " + busy
                        + " drains, every pass reads s0's " + REALS.length + " real servers besides the share of " + SHARE
                        + " (and not all " + TOTAL + "); last_tick: " + tick);
            }
            Await.holds(Duration.ofSeconds(2), "the draining server stays while its connection is open", lab::ipvsadmRules,
                    rules(draining)::equals, lab::context);
            assertEquals(1, lab.activeConnections(vip(0), 80).get(busy + ":80"), "the held connection is still active");
        }
        t0 = System.nanoTime();
        lab.awaitRules(PROMPT, "the drained server " + busy + " is deleted within two passes of its connection's end",
                rules(weights));
        Timing.log("drain: deleted after the connection closed", t0);

        // 4. A reload that changes one real server's weight writes it, from a fresh reading of its service.
        //    s0 was read in the pass after the deletion, so its reading is the newest: the share comes back
        //    to it only after the 7 others, and the reload's pass has it from an earlier pass. That kept
        //    reading still shows the real server deleted by hand just before the reload: a write planned
        //    from it (an edit) would be refused; from a fresh reading it is an add.
        long failuresBefore = status().path("failures").asLong(-1);
        lab.inDirector("ipvsadm", "-d", "-t", vip(0) + ":80", "-r", other + ":80");
        weights.get(0).put(other, 3);
        lab.writeConfig(config(weights));
        t0 = System.nanoTime();
        lab.awaitRules(PROMPT, "the reload's weight 3 for " + other + " in s0 (deleted by hand just before) is written",
                rules(weights));
        Timing.log("reload: one real server's weight written", t0);
        Await.holds(Duration.ofSeconds(3), "the reloaded table stays as written", lab::ipvsadmRules,
                rules(weights)::equals, lab::context);
        JsonNode after = status();
        assertEquals(failuresBefore, after.path("failures").asLong(-1),
                "no write of the reload's passes was refused (none was planned from s0's earlier reading, which still had "
                        + other + "); status:\n" + after.toPrettyString() + "\n" + lab.context());
        Timing.log("partial passes: whole test", testStart);
    }

    private static Map<Integer, Map<String, Integer>> copy(Map<Integer, Map<String, Integer>> weights) {
        Map<Integer, Map<String, Integer>> out = new TreeMap<>();
        weights.forEach((i, reals) -> out.put(i, new LinkedHashMap<>(reals)));
        return out;
    }
}
